/**
 * @module-tag e2e
 */
import { join } from 'node:path';
import { HistoryStore } from '@assay/insights';
import { listTier } from '@assay/tiers';
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

describe('listing', { meta: req('TIER-006') }, () => {
  test('assay list prints selected and deselected counts per category', async () => {
    const dir = sampleWorkspace();
    const result = await assay(['list', '--tier', 'pr'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('  unit             4/4 selected');
    expect(result.stdout).toContain('  chaos            0/1 selected');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('8/15 selected (7 deselected)');
  });

  // Vitest's programmatic API in this process stands for a spawned `assay list --json`: the command
  // prints listTier's value as it is.
  test('listTier (assay list --json) carries a schemaVersion and the same counts', async () => {
    const listing = await listTier({ cwd: sampleWorkspace(), tier: 'nightly' });
    expect(listing).toMatchObject({
      schemaVersion: 1,
      workspace: 'sample-workspace',
      tier: 'nightly',
      total: 15,
      selected: 12,
      deselected: 3,
      byCategory: { soak: { selected: 0, deselected: 1 }, chaos: { selected: 1, deselected: 0 } },
    });
  });
});

describe('bad input: one line, exit 2', { meta: req('TIER-007', 'CLI-001') }, () => {
  test('an unknown category on a test', async () => {
    const dir = sampleWorkspace({
      'test/typo.test.ts': "import { test } from 'vitest';\ntest('x', { tags: ['intgration'] }, async () => {});\n",
    });
    const result = await assay(['test', '--tier', 'pr'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "assay: unknown category 'intgration' in test/typo.test.ts: expected one of unit, integration, property, contract, e2e, slow, performance, chaos, operational, load, soak, destructive, quarantine",
    );
  });

  test.each([
    [['test', '--tier', 'monthly'], "assay: unknown tier 'monthly': expected one of pr, nightly, weekly"],
    [
      ['list', '--tier', 'pr', '--category', 'fuzz'],
      "assay: unknown category 'fuzz': expected one of unit, integration, property, contract, e2e, slow, performance, chaos, operational, load, soak, destructive, quarantine",
    ],
    [['test', '--teir', 'pr'], "assay: Unknown option '--teir': see 'assay test --help'"],
    [['test'], 'assay: missing --tier: expected one of pr, nightly, weekly'],
    [
      ['test', '--tier', 'pr', '--category', 'chaos'],
      "assay: category 'chaos' is not in the pr tier (it runs from the nightly tier on)",
    ],
    [
      ['frobnicate'],
      "assay: unknown command 'frobnicate': expected one of init, test, list, summary, report, trace, gate, doctor, insights, shard, property, contract, coverage, bench, mutate, security",
    ],
  ])('assay %j', async (args, message) => {
    const result = await assay(args, sampleWorkspace());
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(message);
  });

  test('an unparsable soak duration', async () => {
    const result = await assay(['test', '--tier', 'weekly'], sampleWorkspace(), { ASSAY_SOAK_DURATION: 'forever' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "assay: invalid ASSAY_SOAK_DURATION 'forever': expected a number and a unit, like 30s, 15m, 1h or 24h",
    );
  });
});
