import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import {
  analyze,
  HistoryStore,
  type RunRecord,
  readQuarantine,
  updateQuarantine,
  writeQuarantine,
} from '../src/index.ts';
import { run, tempDir } from './support/sample.ts';

async function analysisOf(runs: readonly RunRecord[]) {
  const store = await HistoryStore.open(join(tempDir('quarantine'), 'history.db'));
  for (const record of runs) await store.writeRun(record);
  const analysis = await analyze(store);
  await store.close();
  return analysis;
}

const runsOf = (columns: Record<string, string>) =>
  Array.from({ length: Math.max(...Object.values(columns).map((c) => c.length)) }, (_, i) =>
    run(
      Object.entries(columns)
        .filter(([, letters]) => letters[i])
        .map(([name, letters]) => ({ name, status: letters[i] === 'F' ? ('failed' as const) : ('passed' as const) })),
    ),
  );

describe('the quarantine list', { meta: req('INS-004') }, () => {
  test('flaky tests are added with their evidence; broken and healthy ones are not', async () => {
    const { report, histories } = await analysisOf(runsOf({ flaky: 'PFPFPFP', broken: 'FFFFFFF', healthy: 'PPPPPPP' }));
    const change = updateQuarantine({ schemaVersion: 1, tests: [] }, [...report.flaky, ...report.broken], histories, {
      cleanRuns: 5,
      today: '2026-11-22',
    });
    expect(change.added).toEqual([
      { key: '@sample/app › test/a.test.ts › flaky', reason: 'flaky (score 0.3): flip rate 1', since: '2026-11-22' },
    ]);
    expect(change.released).toEqual([]);
  });

  test('a quarantined test leaves after K clean runs in a row, not before', async () => {
    const entry = { key: '@sample/app › test/a.test.ts › mended', reason: 'flaky', since: '2026-11-01' };
    const still = await analysisOf(runsOf({ mended: 'FPFPPPP' }));
    expect(
      updateQuarantine({ schemaVersion: 1, tests: [entry] }, still.report.flaky, still.histories, {
        cleanRuns: 5,
        today: 'x',
      }).released,
    ).toEqual([]);
    const clean = await analysisOf(runsOf({ mended: 'FPFPPPPP' }));
    const change = updateQuarantine({ schemaVersion: 1, tests: [entry] }, clean.report.flaky, clean.histories, {
      cleanRuns: 5,
      today: 'x',
    });
    expect(change.released).toEqual([entry]);
    expect(change.added).toEqual([]); // released, not put straight back for its old flips
    expect(change.list.tests).toEqual([]);
  });

  test('the list round-trips through quarantine.yaml; a malformed one is a one-line error', () => {
    const dir = tempDir('yaml');
    const file = join(dir, 'quarantine.yaml');
    expect(readQuarantine(file)).toEqual({ schemaVersion: 1, tests: [] });
    const list = { schemaVersion: 1 as const, tests: [{ key: 'b › t › x', reason: 'flaky', since: '2026-11-22' }] };
    writeQuarantine(file, list);
    expect(readQuarantine(file)).toEqual(list);
    writeFileSync(file, 'schemaVersion: 1\ntests:\n  - reason: no key\n');
    expect(() => readQuarantine(file)).toThrow(`${file}: tests[0] needs a 'key' (project › file › full name)`);
    writeFileSync(file, 'schemaVersion: 2\ntests: []\n');
    expect(() => readQuarantine(file)).toThrow(`${file}: schemaVersion must be 1`);
    writeFileSync(file, 'tests: [unclosed\n');
    expect(() => readQuarantine(file)).toThrow(/quarantine\.yaml: not valid YAML: /);
  });
});
