/**
 * @module-tag e2e
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, guardWorkspace } from './support/repo.ts';
import { guardVerdict, runSummary } from './support/reports.ts';

const LEAKS = ['server-leak.test.ts', 'interval-leak.test.ts', 'child-leak.test.ts'];

describe('the guards on deliberately bad code', () => {
  test('a clean suite passes with no warnings', { meta: req('GRD-004', 'GRD-005') }, async () => {
    const dir = guardWorkspace('clean.test.ts');
    const result = await assay(['test', '--tier', 'nightly'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('assay guard');
    expect(guardVerdict(dir)).toMatchObject({ schemaVersion: 1, ok: true, problems: [], warnings: [], leaks: [] });
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
    expect(guardVerdict(dir).heap.topFiles[0]?.file).toBe('test/heap-hog.test.ts');
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
    expect(guardVerdict(dir).leaks.map((l) => [l.file, l.kind])).toEqual(
      expect.arrayContaining([
        ['test/server-leak.test.ts', 'server'],
        ['test/interval-leak.test.ts', 'interval'],
        ['test/child-leak.test.ts', 'child-process'],
      ]),
    );
    expect(guardVerdict(dir).leaks.find((l) => l.kind === 'interval')?.stack[0]).toMatch(
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
});
