/**
 * @module-tag e2e
 *
 * Insights through the tier preset, as a workspace gets them: every run recorded, and the
 * committed quarantine list deciding the tier's exit code from the recorded results.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HistoryStore } from '@assay/insights';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, sampleWorkspace } from './support/repo.ts';

const FLAKY_FILE = `import { expect, test } from 'vitest';
test('sometimes fails', async () => {
  expect(process.env.SAMPLE_BREAK).toBeUndefined();
});
`;

async function recorded(dir: string) {
  const store = await HistoryStore.open(join(dir, '.assay/insights/history.db'));
  try {
    return { runs: await store.runs(), results: await store.recentResults(10) };
  } finally {
    await store.close();
  }
}

describe('insights in a tier run', { meta: req('INS-001', 'INS-004') }, () => {
  test('a quarantined test still runs and is recorded failing, but the tier passes', async () => {
    const dir = sampleWorkspace({ 'test/flaky.test.ts': FLAKY_FILE });
    const failing = await assay(['test', '--tier', 'pr'], dir, { SAMPLE_BREAK: '1' });
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('1 failed');

    writeFileSync(
      join(dir, 'quarantine.yaml'),
      'schemaVersion: 1\ntests:\n  - key: "sample-workspace › test/flaky.test.ts › sometimes fails"\n    reason: flaky\n    since: 2026-11-22\n',
    );
    const quarantined = await assay(['test', '--tier', 'pr'], dir, { SAMPLE_BREAK: '1' });
    expect(quarantined.status, quarantined.stdout + quarantined.stderr).toBe(0);
    expect(quarantined.stdout).toMatch(/quarantined/i);

    const { runs, results } = await recorded(dir);
    expect(runs.map((r) => [r.tier, r.failed])).toEqual([
      ['pr', 1],
      ['pr', 1],
    ]);
    const flaky = results.filter((r) => r.name === 'sometimes fails');
    expect(flaky.map((r) => r.status)).toEqual(['failed', 'failed']);
  }, 120_000);

  test('a malformed quarantine list stops the run with one line', async () => {
    const dir = sampleWorkspace();
    writeFileSync(join(dir, 'quarantine.yaml'), 'schemaVersion: 1\ntests: nope\n');
    const result = await assay(['test', '--tier', 'pr'], dir);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("quarantine.yaml: 'tests' must be a list");
  }, 120_000);
});
