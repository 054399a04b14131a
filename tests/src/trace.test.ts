/**
 * @module-tag e2e
 */
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req, type TraceReport } from '@assay/trace';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assay, SAMPLE_WORKSPACE, TESTS_DIR, tempDir } from './support/repo.ts';

const REGISTRY = `schemaVersion: 1
requirements:
  - { id: APP-001, title: Proven by a passing test, status: active }
  - { id: APP-002, title: Proven unless its test breaks, status: active }
  - { id: APP-003, title: Proven only by a nightly test, status: active }
  - { id: APP-004, title: Not tested at all, status: active }
  - { id: APP-005, title: No longer wanted, status: retired }
  - { id: APP-006, title: Still being written, status: draft }
`;

const LINKED_TESTS = `import { req } from '@assay/trace';
import { expect, test } from 'vitest';

test('proves APP-001', { tags: ['unit'], meta: req('APP-001') }, async () => {});
test('proves APP-002 unless told to break', { tags: ['unit'], meta: req('APP-002') }, async () => {
  expect(process.env.ASSAY_SAMPLE_BREAK).toBeUndefined();
});
test('proves APP-003 at night', { tags: ['slow'], meta: req('APP-003') }, async () => {});
test('still links a retired requirement', { tags: ['unit'], meta: req('APP-005', 'APP-001') }, async () => {});
test('links a typo', { tags: ['unit'], meta: req('APP-0001') }, async () => {});
`;

/** A monorepo with one workspace: the sample workspace, a registry, and tests linked to it. */
function tracedMonorepo(files: Record<string, string> = {}, afterUse?: (cleanup: () => void) => void): string {
  const root = tempDir('traced', afterUse);
  cpSync(SAMPLE_WORKSPACE, join(root, 'app'), {
    recursive: true,
    filter: (src) => !/[/\\](\.vitest|node_modules)$/.test(src),
  });
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - app\n');
  writeFileSync(join(root, 'app/requirements.yaml'), REGISTRY);
  writeFileSync(join(root, 'app/test/linked.test.ts'), LINKED_TESTS);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  symlinkSync(join(TESTS_DIR, 'node_modules'), join(root, 'node_modules'));
  return root;
}

async function runTests(root: string, env: Record<string, string> = {}) {
  const result = await assay(['test', '--tier', 'pr'], join(root, 'app'), env);
  return result;
}

async function traceJson(root: string, ...args: string[]): Promise<{ status: number | null; report: TraceReport }> {
  const result = await assay(['trace', '--json', ...args], root);
  return { status: result.status, report: JSON.parse(result.stdout) as TraceReport };
}

describe('assay trace on a sample repo', { meta: req('TRC-002', 'TRC-003', 'TRC-004', 'TRC-005') }, () => {
  // One passing run of the sample repo, which the first and third tests read in two ways.
  let passed: string;
  const cleanups: (() => void)[] = [];
  afterAll(() => {
    for (const cleanup of cleanups) cleanup();
  });
  beforeAll(async () => {
    passed = tracedMonorepo({}, (cleanup) => cleanups.push(cleanup));
    expect((await runTests(passed)).status).toBe(0);
  }, 120_000);

  test('counts only requirements proven by tests that ran and passed', async () => {
    const root = passed;
    const { status, report } = await traceJson(root, '--threshold', '50');
    const states = Object.fromEntries(report.requirements.map((r) => [r.id, r.state]));
    expect(states).toMatchObject({
      'APP-001': 'covered-passing',
      'APP-002': 'covered-passing',
      'APP-003': 'not-run',
      'APP-004': 'uncovered',
    });
    expect(report).toMatchObject({ schemaVersion: 1, active: 4, coveredPassing: 2, percent: 50, tests: 20 });
    expect(report.orphans).toHaveLength(15);
    expect(report.unknownIds.map((u) => u.id)).toEqual(['APP-0001']);
    expect(report.retiredReferences.map((u) => u.id)).toEqual(['APP-005']);
    expect(report.problems).toEqual(['1 unknown requirement id linked from tests']);
    expect(status).toBe(1);
  });

  // This and --static below each run a sample monorepo's tests or collect them all: the slow
  // end-to-end checks, left to `make test`'s second pass (this repository's monorepo-e2e category).
  test('a failing linked test makes its requirement covered-failing and lowers coverage', {
    tags: ['monorepo-e2e'],
  }, async () => {
    const root = tracedMonorepo();
    expect((await runTests(root, { ASSAY_SAMPLE_BREAK: '1' })).status).toBe(1);
    const { report } = await traceJson(root);
    expect(report.requirements.find((r) => r.id === 'APP-002')?.state).toBe('covered-failing');
    expect(report).toMatchObject({ coveredPassing: 1, percent: 25 });
  });

  test('the table, the gate and --require-links', async () => {
    const root = passed;
    const result = await assay(['trace', '--threshold', '100', '--require-links'], root);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe(
      'requirement traceability: 2/4 active requirements covered by passing tests (50.0%)',
    );
    expect(result.stdout).toContain('  APP-003 not-run: Proven only by a nightly test (app/requirements.yaml:5)');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      'traceability: FAILED: coverage 50.0% is below the threshold of 100%; 1 unknown requirement id linked from tests; 15 tests linked to no requirement (--require-links)',
    );
  });

  test('--static collects the links without running anything', { tags: ['monorepo-e2e'] }, async () => {
    const root = tracedMonorepo();
    const { report } = await traceJson(root, '--static');
    expect(report).toMatchObject({ source: 'static', coveredPassing: 0, tests: 20 });
    expect(report.requirements.find((r) => r.id === 'APP-001')?.state).toBe('not-run');
    expect(report.unknownIds.map((u) => u.id)).toEqual(['APP-0001']);
  });
});

describe('bad input: one line, exit 2', { meta: req('TRC-006') }, () => {
  test('no results yet', async () => {
    const result = await assay(['trace'], tracedMonorepo());
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'assay: no test results at app/.vitest/json/output.json: run the tests first (make test-pr), or use --static',
    );
  });

  test('corrupt results', async () => {
    const root = tracedMonorepo({ 'app/.vitest/json/output.json': '{"testResults": [' });
    const result = await assay(['trace'], root);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^assay: corrupt test results at app\/\.vitest\/json\/output\.json: .+; run the tests again$/,
    );
  });

  test('a duplicate id', async () => {
    const root = tracedMonorepo({
      'app/requirements.yaml': `${REGISTRY}  - { id: APP-001, title: again, status: active }\n`,
    });
    const result = await assay(['trace', '--static'], root);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'assay: app/requirements.yaml:9: duplicate requirement id APP-001 (first defined at app/requirements.yaml:3)',
    );
  });

  test('a threshold outside 0–100', async () => {
    const result = await assay(['trace', '--threshold', '150'], tracedMonorepo());
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("assay: invalid --threshold '150': expected a percentage from 0 to 100");
  });
});
