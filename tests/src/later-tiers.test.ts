/**
 * End-to-end checks of the nightly and weekly tiers' own behaviour: each runs a nightly or weekly
 * tier of a sample workspace. This repository's category `later-tiers` (assay.config.ts): the
 * nightly tier and `make test` run them, so the PR tier stays quick.
 *
 * @module-tag later-tiers
 */
import { join } from 'node:path';
import { analyze, HistoryStore } from '@assay/insights';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, BIN, run, sampleWorkspace } from './support/repo.ts';
import { passedTitles, runSummary } from './support/reports.ts';
import { NIGHTLY, WEEKLY } from './support/sample.ts';

describe('tiers select exactly their categories', { meta: req('TIER-003', 'TIER-004') }, () => {
  test('assay test --tier nightly adds slow, performance, chaos and operational', async () => {
    const dir = sampleWorkspace();
    const result = await assay(['test', '--tier', 'nightly'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(passedTitles(dir)).toEqual(NIGHTLY);
    expect(runSummary(dir).counts).toEqual({ passed: 11, failed: 0, skipped: 1, deselected: 3 });
  });

  test('assay test --tier weekly runs every category once destructive tests are confirmed', async () => {
    const dir = sampleWorkspace();
    const result = await assay(['test', '--tier', 'weekly'], dir, {
      ASSAY_CONFIRM_DESTRUCTIVE: 'yes',
      ASSAY_SOAK_DURATION: '200ms',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(passedTitles(dir)).toEqual(WEEKLY);
    expect(runSummary(dir).counts).toEqual({ passed: 14, failed: 0, skipped: 1, deselected: 0 });
  });
});

describe('gates', { meta: req('GRD-001', 'GRD-002', 'TIER-003') }, () => {
  test('destructive tests refuse to run without confirmation', async () => {
    const dir = sampleWorkspace();
    const result = await assay(['test', '--tier', 'weekly'], dir, { ASSAY_SOAK_DURATION: '200ms' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'assay: refused to run 1 destructive test without confirmation: set ASSAY_CONFIRM_DESTRUCTIVE=yes, or run on a terminal and answer y',
    );
    expect(result.stdout).not.toContain('RUN');
  });

  test('a bare weekly vitest run fails the destructive test and a too-long soak instead of running them', async () => {
    const dir = sampleWorkspace();
    const result = await run(`${BIN}/vitest`, ['run'], dir, { ASSAY_TIER: 'weekly', ASSAY_SOAK_DURATION: '24h' });
    expect(result.status).toBe(1);
    expect(runSummary(dir).failures).toEqual([
      expect.objectContaining({ name: 'a soak test', message: expect.stringContaining('a 24h soak runs only in CI') }),
      expect.objectContaining({
        name: 'a destructive test',
        message: expect.stringContaining('ASSAY_CONFIRM_DESTRUCTIVE=yes'),
      }),
    ]);
  });
});

describe('a gate refusal is not a flip of the code', { meta: req('INS-001', 'INS-003') }, () => {
  test('a destructive test confirmed, then refused: recorded as passed and refused, and not flaky', async () => {
    const dir = sampleWorkspace();
    const weekly = { ASSAY_TIER: 'weekly', ASSAY_SOAK_DURATION: '200ms' };
    const confirmed = await run(`${BIN}/vitest`, ['run'], dir, { ...weekly, ASSAY_CONFIRM_DESTRUCTIVE: 'yes' });
    expect(confirmed.status, confirmed.stdout + confirmed.stderr).toBe(0);
    const refused = await run(`${BIN}/vitest`, ['run'], dir, weekly);
    expect(refused.status).toBe(1); // the run itself still fails: the gate did its job

    const store = await HistoryStore.open(join(dir, '.assay/insights/history.db'));
    try {
      const destructive = (await store.recentResults(10)).filter((r) => r.name === 'a destructive test');
      expect(destructive.map((r) => r.status)).toEqual(['passed', 'refused']);
      const { report } = await analyze(store);
      expect(report.flaky).toEqual([]);
      expect(report.broken).toEqual([]);
      // The dashboard's latest result for it says refused, not failed.
      expect(report.latest.find((t) => t.name === 'a destructive test')).toMatchObject({ status: 'refused' });
    } finally {
      await store.close();
    }
  });
});
