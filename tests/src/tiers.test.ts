/**
 * @module-tag e2e
 */
import { join } from 'node:path';
import { HistoryStore } from '@assay/insights';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, BIN, run, sampleWorkspace } from './support/repo.ts';
import { passedTitles, runSummary } from './support/reports.ts';
import { PR } from './support/sample.ts';

describe('tiers select exactly their categories', { meta: req('TIER-002', 'TIER-003', 'TIER-004') }, () => {
  // One run proves the selection and the quarantine: the quarantined test fails, and the tier passes.
  test('assay test --tier pr runs the pr categories, deselects the rest, and a quarantined failure does not fail it', async () => {
    const dir = sampleWorkspace();
    const result = await assay(['test', '--tier', 'pr'], dir, { ASSAY_SAMPLE_FLAKE: 'fail' });
    expect(result.status, result.stderr).toBe(0);
    expect(passedTitles(dir)).toEqual(PR.filter((title) => title !== 'a quarantined test'));
    expect(runSummary(dir)).toMatchObject({
      ok: true,
      counts: { passed: 6, failed: 1, skipped: 1, deselected: 7 },
      failures: [{ name: 'a quarantined test', quarantined: true }],
    });
    expect(result.stdout).toContain(
      'sample-workspace: 6 passed, 1 failed (1 quarantined), 1 skipped, 7 deselected by tier',
    );
  });

  test('a bare vitest run behaves as the pr tier', async () => {
    const dir = sampleWorkspace();
    const result = await run(`${BIN}/vitest`, ['run'], dir, { ASSAY_CONFIRM_DESTRUCTIVE: 'yes' });
    expect(result.status, result.stderr).toBe(0);
    expect(passedTitles(dir)).toEqual(PR);
    expect(runSummary(dir)).toMatchObject({ tier: 'pr', counts: { passed: 7, deselected: 7 } });
  });

  test('--category narrows a tier to some of its categories', async () => {
    const dir = sampleWorkspace();
    const result = await assay(['test', '--tier', 'pr', '--category', 'contract', '--category', 'property'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(passedTitles(dir)).toEqual(['a contract test', 'a property test']);
  });
});

describe('a failed run still reports', { meta: req('TIER-004', 'INS-001') }, () => {
  test('a run that ends with an unhandled error, or whose describe’s hook failed, writes its counts and the errors to the summary and the history', async () => {
    const dir = sampleWorkspace({
      'test/unhandled.test.ts':
        "import { test } from 'vitest';\ntest('leaves a rejection behind', { tags: ['unit'] }, () => {\n  void Promise.reject(new Error('rejected after its test'));\n});\n",
      // Its test is skipped, not failed: only the hook's error says the run went wrong.
      'test/hook.test.ts':
        "import { beforeAll, describe, test } from 'vitest';\ndescribe('needs a server', () => {\n  beforeAll(() => {\n    throw new Error('no server');\n  });\n  test('uses it', { tags: ['unit'] }, () => {});\n});\n",
    });
    const result = await assay(['test', '--tier', 'pr'], dir);
    expect(result.status).toBe(1);
    const errors = [
      { file: 'test/hook.test.ts', message: 'needs a server: no server' },
      { file: '(unhandled)', message: 'rejected after its test' },
    ];
    expect(runSummary(dir)).toMatchObject({
      ok: false,
      counts: { passed: 8, failed: 0, skipped: 2, deselected: 7 },
      fileErrors: errors,
    });
    const store = await HistoryStore.open(join(dir, '.assay/insights/history.db'));
    try {
      expect(await store.runs()).toMatchObject([{ passed: 8, failed: 0, errors }]);
    } finally {
      await store.close();
    }
  });
});

describe('gates', { meta: req('GRD-001', 'GRD-002', 'TIER-003') }, () => {
  test('a soak longer than 1 h is refused outside CI', async () => {
    const dir = sampleWorkspace();
    const result = await assay(['test', '--tier', 'weekly', '--category', 'soak'], dir, { ASSAY_SOAK_DURATION: '2h' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'assay: refused: a 2h soak runs only in CI (CI=true); locally soak runs are limited to 1h',
    );
  });
});
