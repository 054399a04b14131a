/**
 * @module-tag e2e
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GuardVerdict } from '@assay/guard';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, BIN, guardWorkspace, run } from './support/repo.ts';
import { runSummary } from './support/reports.ts';

const verdict = (dir: string) =>
  JSON.parse(readFileSync(join(dir, '.vitest/assay/guard.json'), 'utf8')) as GuardVerdict;
const LEAKS = ['server-leak.test.ts', 'interval-leak.test.ts', 'child-leak.test.ts'];

describe('the guards on deliberately bad code', () => {
  test('a clean suite passes with no warnings', { meta: req('GRD-004', 'GRD-005') }, async () => {
    const dir = guardWorkspace('clean.test.ts');
    const result = await assay(['test', '--tier', 'nightly'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('assay guard');
    expect(verdict(dir)).toMatchObject({ schemaVersion: 1, ok: true, problems: [], warnings: [], leaks: [] });
  });

  // Budgets lowered to 100 MB so the hog can be small (allocating 600 MB takes seconds on 2 cores).
  test('a file that grows the heap past its budget fails the run, named', {
    meta: req('GRD-004', 'GRD-007'),
    timeout: 60_000,
  }, async () => {
    const dir = guardWorkspace('heap-hog.test.ts', 'clean.test.ts');
    const result = await assay(['test', '--tier', 'pr'], dir, {
      ASSAY_HEAP_BUDGET_MB: '100',
      ASSAY_FILE_HEAP_BUDGET_MB: '100',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /assay guard: FAILED: heap grew by \d+ MB over the run, past the pr budget of 100 MB; most: test\/heap-hog\.test\.ts \(\+1\d\d MB\)/,
    );
    expect(verdict(dir).heap.topFiles[0]?.file).toBe('test/heap-hog.test.ts');
    expect(runSummary(dir)).toMatchObject({ ok: false, fileErrors: [{ file: 'test/heap-hog.test.ts' }] });
  });

  test('leaked servers, intervals and child processes warn in the pr tier, naming file and resource', {
    meta: req('GRD-005', 'GRD-007'),
  }, async () => {
    const dir = guardWorkspace(...LEAKS);
    const result = await assay(['test', '--tier', 'pr'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'assay guard: warning: test/server-leak.test.ts left a server open: server listening on 127.0.0.1:',
    );
    expect(result.stderr).toContain('created at ');
    expect(verdict(dir).leaks.map((l) => [l.file, l.kind])).toEqual(
      expect.arrayContaining([
        ['test/server-leak.test.ts', 'server'],
        ['test/interval-leak.test.ts', 'interval'],
        ['test/child-leak.test.ts', 'child-process'],
      ]),
    );
    expect(verdict(dir).leaks.find((l) => l.kind === 'interval')?.stack[0]).toMatch(
      /test\/interval-leak\.test\.ts:\d+:\d+$/,
    );
  });

  test('and fail the nightly tier', { meta: req('GRD-005') }, async () => {
    const dir = guardWorkspace(...LEAKS);
    const result = await assay(['test', '--tier', 'nightly'], dir);
    expect(result.status).toBe(1);
    expect(
      runSummary(dir)
        .fileErrors.map((e) => e.file)
        .sort(),
    ).toEqual(['test/child-leak.test.ts', 'test/interval-leak.test.ts', 'test/server-leak.test.ts']);
    expect(result.stderr).toContain(
      'assay guard: FAILED: test/child-leak.test.ts left a child-process open: child process ',
    );
  });

  test('a run over its time budget names the slowest files', { meta: req('GRD-006') }, async () => {
    const dir = guardWorkspace('clean.test.ts');
    const result = await assay(['test', '--tier', 'pr'], dir, { ASSAY_RUN_BUDGET: '1ms' });
    expect(result.status).toBe(1);
    expect(verdict(dir).problems[0]).toMatch(
      /^the run took \S+, past the pr budget of 1ms; slowest: test\/clean\.test\.ts \(\d+ s\)$/,
    );
  });

  test('a file still running after ASSAY_HANG_AFTER is named as hanging', { meta: req('GRD-006') }, async () => {
    const dir = guardWorkspace('busy-loop.test.ts');
    const result = await assay(['test', '--tier', 'pr'], dir, { ASSAY_HANG_AFTER: '1s' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /assay guard: test\/busy-loop\.test\.ts is still running after \ds: its worker looks hung/,
    );
  });

  test('an open-file limit too low for the tier fails before anything runs', { meta: req('GRD-006') }, async () => {
    const dir = guardWorkspace('clean.test.ts');
    const result = await run('bash', ['-c', `ulimit -n 512 && "${BIN}/assay" test --tier nightly`], dir);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'assay: the open-file limit is 512, below the 4096 the nightly tier needs: raise it (ulimit -n 4096) or set ASSAY_MIN_OPEN_FILES',
    );
  });
});

describe('bad guard settings: one line, exit 2', { meta: req('GRD-008') }, () => {
  test.each([
    [{ ASSAY_HEAP_BUDGET_MB: '-5' }, "assay: invalid ASSAY_HEAP_BUDGET_MB '-5': expected a positive number"],
    [
      { ASSAY_FILE_HEAP_BUDGET_MB: 'lots' },
      "assay: invalid ASSAY_FILE_HEAP_BUDGET_MB 'lots': expected a positive number",
    ],
    [{ ASSAY_LEAKS: 'maybe' }, "assay: invalid ASSAY_LEAKS 'maybe': expected fail, warn or off"],
    [
      { ASSAY_RUN_BUDGET: 'soon' },
      "assay: invalid ASSAY_RUN_BUDGET 'soon': expected a number and a unit, like 30s, 15m, 1h or 24h",
    ],
    [{ ASSAY_MAX_WORKERS: '1.5' }, "assay: invalid ASSAY_MAX_WORKERS '1.5': expected a whole number"],
  ])('%j', async (env, message) => {
    const result = await assay(['test', '--tier', 'pr'], guardWorkspace('clean.test.ts'), env);
    expect(result.stderr.trim()).toBe(message);
    expect(result.status).toBe(2);
  });
});
