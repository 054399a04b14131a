/**
 * @module-tag e2e
 *
 * The guards' time budgets, hangs and settings, beside guard.test.ts's resource guards: two files,
 * so the platform tests' two workers share the work evenly.
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, BIN, guardWorkspace, run } from './support/repo.ts';
import { guardVerdict } from './support/reports.ts';

describe('the guards on deliberately slow code', () => {
  test('a run over its time budget names the slowest files', { meta: req('GRD-006') }, async () => {
    const dir = guardWorkspace('clean.test.ts');
    const result = await assay(['test', '--tier', 'pr'], dir, { ASSAY_RUN_BUDGET: '1ms' });
    expect(result.status).toBe(1);
    expect(guardVerdict(dir).problems[0]).toMatch(
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
