/**
 * @module-tag e2e
 */

import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HistoryStore } from '@assay/insights';
import { req } from '@assay/trace';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  assay,
  BIN,
  IN_RUNNER_IMAGE,
  REPO_ROOT,
  type Result,
  run,
  SAMPLE_WORKSPACE,
  TESTS_DIR,
  tempDir,
} from './support/repo.ts';

interface TurboJson {
  tasks: Record<string, { dependsOn?: string[] }>;
}

const readTurboJson = () => JSON.parse(readFileSync(join(REPO_ROOT, 'turbo.json'), 'utf8')) as TurboJson;

/** The turbo.json without what names this repo's own packages, which a user's monorepo does not have. */
function withoutRepoPackages(turbo: TurboJson): TurboJson {
  const ours = (task: string) => task.startsWith('@assay/');
  const tasks = Object.entries(turbo.tasks)
    .filter(([name]) => !ours(name))
    .map(([name, task]) => [name, { ...task, dependsOn: task.dependsOn?.filter((dependency) => !ours(dependency)) }]);
  return { ...turbo, tasks: Object.fromEntries(tasks) };
}

/** A one-workspace monorepo around the sample workspace, using this repo's real turbo.json. */
async function sampleMonorepo(afterUse?: (cleanup: () => void) => void): Promise<string> {
  const root = tempDir('monorepo', afterUse);
  cpSync(SAMPLE_WORKSPACE, join(root, 'packages', 'sample'), {
    recursive: true,
    filter: (src) => !/[/\\](\.vitest|node_modules)$/.test(src),
  });
  for (const file of ['tsconfig.base.json', '.node-version', '.gitignore']) {
    cpSync(join(REPO_ROOT, file), join(root, file));
  }
  writeFileSync(join(root, 'turbo.json'), JSON.stringify(withoutRepoPackages(readTurboJson())));
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string };
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'sample-monorepo', private: true, packageManager: manifest.packageManager }),
  );
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  symlinkSync(join(TESTS_DIR, 'node_modules'), join(root, 'node_modules'));
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
    ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init'],
  ]) {
    expect((await run('git', args, root)).status).toBe(0);
  }
  return root;
}

function turbo(root: string, args: string[], env: Record<string, string> = {}): Promise<Result> {
  return run(join(BIN, 'turbo'), ['run', ...args], root, env);
}

interface RunSummaryFile {
  execution: { attempted: number; cached: number; failed: number };
}

/** The run summary that `turbo run … --summarize` wrote, from the path it prints. */
function runSummaryOf(result: Result): RunSummaryFile {
  const path = /Summary:\s+(\S+\.json)/.exec(result.stdout)?.[1];
  expect(path, result.stdout).toBeDefined();
  return JSON.parse(readFileSync(path as string, 'utf8')) as RunSummaryFile;
}

async function taskHash(root: string, task: string, env: Record<string, string> = {}): Promise<string> {
  const result = await turbo(root, [task, '--dry=json'], env);
  expect(result.status, result.stderr).toBe(0);
  const plan = JSON.parse(result.stdout) as { tasks: { taskId: string; hash: string }[] };
  return plan.tasks.find((t) => t.taskId === `sample-workspace#${task}`)?.hash as string;
}

// pnpm resolves the sample workspace's package manager from the npm registry: not in a runner pod.
describe.skipIf(IN_RUNNER_IMAGE)('turbo', { meta: req('PLAT-002', 'TIER-005') }, () => {
  // One sample monorepo run twice, with no change between: what the two tests below look at.
  let root: string;
  let since: number;
  let second: Result;
  const cleanups: (() => void)[] = [];
  afterAll(() => {
    for (const cleanup of cleanups) cleanup();
  });
  beforeAll(async () => {
    root = await sampleMonorepo((cleanup) => cleanups.push(cleanup));
    const first = await turbo(root, ['test:pr', '--summarize'], { ASSAY_SESSION: '1' });
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(runSummaryOf(first).execution).toMatchObject({ attempted: 1, cached: 0, failed: 0 });
    since = Date.now();
    second = await turbo(root, ['test:pr', '--summarize'], { ASSAY_SESSION: String(since) });
  }, 120_000);

  test('a second test:pr with no change is a full cache hit, and the summary says so', async () => {
    expect(second.status).toBe(0);
    expect(runSummaryOf(second).execution).toMatchObject({ attempted: 1, cached: 1 });
    expect(second.stdout).toContain('FULL TURBO');

    const summary = await assay(['summary', '--tier', 'pr', '--since', String(since)], root);
    expect(summary.status, summary.stderr).toBe(0);
    expect(summary.stdout).toMatch(/sample-workspace\s+7\s+0\s+1\s+7\s+cached/);
    expect(summary.stdout.trimEnd().split('\n').at(-1)).toBe('assay: 7 passed, 0 failed, 8 skipped');

    const report = await assay(['report', '--tier', 'pr', '--stdout'], root);
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout).toContain('| ✅ sample-workspace | 7 | 0 | 1 | 7 | cached |');
  });

  test('the history counts a cache replay as not executed: the tests ran once', { meta: req('INS-001') }, async () => {
    const store = await HistoryStore.open(join(root, '.assay/insights/history.db'));
    const runs = await store.runs();
    await store.close();
    expect(runs.map((r) => [r.project, r.executed, r.passed, r.session])).toEqual([
      ['sample-workspace', false, 0, String(since)],
      ['sample-workspace', true, 7, '1'],
    ]);
    expect(runs[0]?.replayOf).toBe(runs[1]?.runId);

    const written = await assay(['report', '--tier', 'pr'], root);
    expect(written.stdout).toContain(
      'assay: wrote .assay/reports/pr.md, .assay/reports/dashboard.html and 1 JUnit files',
    );
    expect(readFileSync(join(root, '.assay/reports/dashboard.html'), 'utf8')).toContain(
      '<title>Assay test insights</title>',
    );
    expect(readFileSync(join(root, '.assay/reports/junit/sample-workspace.xml'), 'utf8')).toContain('<testsuites');
  });

  test('the tier is part of the task hash, and so is every ASSAY_ variable', async () => {
    const root = await sampleMonorepo();
    const pr = await taskHash(root, 'test:pr');
    expect(await taskHash(root, 'test:pr')).toBe(pr);
    expect(await taskHash(root, 'test:nightly')).not.toBe(pr);
    expect(await taskHash(root, 'test:pr', { ASSAY_PROPERTY_PROFILE: 'thorough' })).not.toBe(pr);
    // …except the session id and where the history goes, which change no result.
    expect(await taskHash(root, 'test:pr', { ASSAY_SESSION: '1700000000000', ASSAY_HISTORY_URL: 'h.db' })).toBe(pr);
  });

  // It runs the nightly and weekly tiers of a sample monorepo twice: this repository's later-tiers
  // category, which `make test` runs after the PR tier.
  test('nightly and weekly results are never cached', { tags: ['later-tiers'] }, async () => {
    const root = await sampleMonorepo();
    for (let i = 0; i < 2; i++) {
      const result = await turbo(root, ['test:nightly', '--summarize']);
      expect(result.status).toBe(0);
      expect(runSummaryOf(result).execution).toMatchObject({ attempted: 1, cached: 0 });
    }
  });
});
