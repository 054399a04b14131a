/**
 * @module-tag e2e
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { IN_RUNNER_IMAGE, REPO_ROOT, run } from './support/repo.ts';

const TARGETS = [
  'help',
  'toolchain',
  'prerequisites',
  'shell',
  'test',
  'test-pr',
  'test-nightly',
  'test-weekly',
  'test-unit',
  'test-integration',
  'test-chaos-smoke',
  'test-chaos',
  'test-operational',
  'test-soak-1h',
  'test-soak-24h',
  'bench',
  'mutation',
  'bench-pr',
  'security',
  'traceability',
  'report',
  'images',
  'runner-image',
  'kind-up',
  'kind-down',
  'test-k8s',
  'test-k8s-local',
  'doctor',
  'lint',
  'typecheck',
  'adopt-check',
  'packages',
  'ci',
];

// A checkout's entry points: each target first bootstraps the toolchain, which the runner image has built in.
describe.skipIf(IN_RUNNER_IMAGE)('the Makefile', { meta: req('PLAT-003') }, () => {
  test('make help lists every target with one line', async () => {
    const result = await run('make', ['help'], REPO_ROOT);
    expect(result.status).toBe(0);
    const listed = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => /^ {2}make (\S+) +\S/.exec(line)?.[1]);
    expect(listed).toEqual(TARGETS);
  });

  test('make test-soak-24h is refused outside CI, before anything runs', async () => {
    const result = await run('make', ['test-soak-24h'], REPO_ROOT);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      'assay: refused: a 24h soak runs only in CI (CI=true); locally soak runs are limited to 1h',
    );
    expect(result.stdout).not.toContain('turbo');
  });

  test('make test-chaos asks first and refuses without an answer', async () => {
    const result = await run('make', ['test-chaos'], REPO_ROOT);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      'assay: refused to run the chaos tests without confirmation: set ASSAY_CONFIRM_CHAOS=yes, or run on a terminal and answer y',
    );
  });

  test('make shell prints the PATH line for running pnpm turbo directly', async () => {
    const result = await run('make', ['shell'], REPO_ROOT);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^export PATH=".+\/\.toolchain\/bin:\$PATH"$/);
  });
});
