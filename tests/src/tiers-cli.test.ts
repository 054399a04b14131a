/**
 * @module-tag e2e
 *
 * The CLI's listing and its bad input, beside tiers.test.ts's runs: two files, so the platform
 * tests' two workers share the work evenly.
 */
import { listTier } from '@assay/tiers';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, sampleWorkspace } from './support/repo.ts';

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
      "assay: unknown command 'frobnicate': expected one of init, test, list, summary, report, trace, gate, doctor, insights, shard, property, contract, coverage, bench, mutate, security, k8s",
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
