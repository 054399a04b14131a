/**
 * Benchmarks of @assay/insights, side by side in one run:
 *  - ingest: 100,000 results (10 runs of 10,000 tests) written to a fresh SQLite history;
 *  - analysis: flaky + baseline analysis (the whole InsightsReport) over 1,000,000 stored results;
 *  - recording: 5,000 trivial tests run by Vitest with the Assay preset: what the recorder's work
 *    took in each run (its marker's recordMs), and beside it the whole run with the recorder on and
 *    off (ASSAY_RECORD), alternating, three runs each (that difference is within the runs' noise);
 *  - shards: a skewed synthetic suite of 400 files on 8 shards, planned longest-first from its
 *    durations, against Vitest's own count-based --shard (its BaseSequencer) on the same files.
 *  - dashboard: the HTML report of the 10,000-test history drawn in Chromium.
 * The last line is JSON: ingest100kSeconds, analyze1mSeconds, dashboard10kSeconds,
 * recordOverheadPerTestMs, shardMakespanRatio, vitestShardMakespanRatio (ratios to the ideal, total ÷ N).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { BaseSequencer, type TestSpecification, type Vitest } from 'vitest/node';
import { analyze, type InsightsReport } from '../src/analysis/analyze.ts';
import { RUN_MARKER_FILE, type RunMarker } from '../src/recorder.ts';
import { dashboardHtml } from '../src/report/dashboard.ts';
import { lpt, makespan } from '../src/shards/lpt.ts';
import { HistoryStore } from '../src/store/history.ts';
import { chromiumPath } from '../test/support/browser.ts';
import { skewedSuite, syntheticRuns } from './synthetic.ts';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', '.bench');
const round3 = (value: number) => Math.round(value * 1000) / 1000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const log = (line: string) => console.log(line);

async function historyFigures(): Promise<{
  ingest100kSeconds: number;
  analyze1mSeconds: number;
  dashboard10kSeconds: number | null;
}> {
  const store = await HistoryStore.open(join(dir, 'history.db'));
  try {
    let start = performance.now();
    for (const run of syntheticRuns({ runs: 10, testsPerRun: 10_000, seed: 1 })) await store.writeRun(run);
    const ingest100kSeconds = round3((performance.now() - start) / 1000);
    log(`ingest: 100,000 results in ${ingest100kSeconds} s (goal ≤ 5)`);
    log('filling the history to 1,000,000 results…');
    for (const run of syntheticRuns({ runs: 90, testsPerRun: 10_000, seed: 2 })) await store.writeRun(run);
    const times: number[] = [];
    let flaky = 0;
    for (let i = 0; i < 3; i++) {
      start = performance.now();
      const { report } = await analyze(store);
      times.push(performance.now() - start);
      flaky = report.flaky.length;
    }
    const analyze1mSeconds = round3(median(times) / 1000);
    log(
      `analysis over 1,000,000 results (10,000 tests × 100 runs): ${times.map((t) => Math.round(t)).join(', ')} ms, median ${analyze1mSeconds} s (goal ≤ 2); ${flaky} flaky found`,
    );
    const { report } = await analyze(store);
    return { ingest100kSeconds, analyze1mSeconds, dashboard10kSeconds: await dashboardRender(report) };
  } finally {
    await store.close();
  }
}

/**
 * The dashboard of that 10,000-test history in Debian's Chromium: from opening the file to every
 * section drawn (All tests shows its first page of rows), median of three loads. Null where no Chromium is installed.
 */
async function dashboardRender(report: InsightsReport): Promise<number | null> {
  if (!chromiumPath) {
    log('dashboard: no Chromium installed (apt-get install chromium): not measured');
    return null;
  }
  const file = join(dir, 'dashboard.html');
  writeFileSync(file, dashboardHtml({ insights: report, traceability: null, contracts: null }));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      const start = performance.now();
      await page.goto(`file://${file}`);
      // The count of shown tests is the last thing the page draws, after every table's first page.
      await page.locator('#shown', { hasText: `of ${report.latest.length} tests` }).waitFor({ timeout: 0 });
      times.push(performance.now() - start);
      await page.close();
    }
    const seconds = round3(median(times) / 1000);
    log(
      `dashboard: ${report.latest.length} tests drawn in ${times.map((t) => Math.round(t)).join(', ')} ms, median ${seconds} s (goal ≤ 2)`,
    );
    return seconds;
  } finally {
    await browser.close();
  }
}

function recordingOverhead(): number {
  const project = join(dir, 'recording');
  const FILES = 50;
  const TESTS = 100;
  mkdirSync(join(project, 'test'), { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'insights-bench', private: true, type: 'module' }),
  );
  writeFileSync(
    join(project, 'vitest.config.ts'),
    "import { defineAssayConfig } from '@assay/tiers';\nexport default defineAssayConfig({ test: { reporters: ['dot'] } });\n",
  );
  for (let f = 0; f < FILES; f++) {
    const tests = Array.from(
      { length: TESTS },
      (_, t) => `test('trivial ${t}', () => { expect(${t} + 1).toBe(${t + 1}); });`,
    );
    writeFileSync(
      join(project, 'test', `file-${f}.test.ts`),
      `import { expect, test } from 'vitest';\n${tests.join('\n')}\n`,
    );
  }
  const vitest = join(here, '..', 'node_modules', 'vitest', 'vitest.mjs');
  const recordMs: number[] = [];
  const run = (record: '0' | '1') => {
    const start = performance.now();
    const result = spawnSync(process.execPath, [vitest, 'run'], {
      cwd: project,
      env: { ...process.env, ASSAY_RECORD: record, ASSAY_HISTORY_URL: join(dir, 'recording.db'), NO_COLOR: '1' },
      encoding: 'utf8',
    });
    if (result.status !== 0)
      throw new Error(`vitest failed: ${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`);
    const elapsed = performance.now() - start;
    if (record === '1')
      recordMs.push((JSON.parse(readFileSync(join(project, RUN_MARKER_FILE), 'utf8')) as RunMarker).recordMs);
    return elapsed;
  };
  run('0'); // warm the transform cache
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < 3; i++) {
    off.push(run('0'));
    on.push(run('1'));
  }
  const tests = FILES * TESTS;
  const perTest = round3(median(recordMs) / tests);
  const wholeRun = round3((median(on) - median(off)) / tests);
  log(`recording ${tests} tests: the recorder took ${recordMs.join(', ')} ms → ${perTest} ms per test (goal ≤ 1)`);
  log(
    `  whole runs: recorder off ${off.map(Math.round).join(', ')} ms; on ${on.map(Math.round).join(', ')} ms; difference ${wholeRun} ms per test`,
  );
  return perTest;
}

async function shardFigures(): Promise<{ shardMakespanRatio: number; vitestShardMakespanRatio: number }> {
  const files = skewedSuite(400, 3);
  const total = 8;
  const ideal = files.reduce((sum, f) => sum + f.ms, 0) / total;
  const planned = makespan(lpt(files, total));
  const ms = new Map(files.map((f) => [`/suite/${f.id}`, f.ms]));
  const counted: number[] = [];
  for (let index = 1; index <= total; index++) {
    const ctx = { config: { root: '/suite', shard: { index, count: total } } } as unknown as Vitest;
    const picked = await new BaseSequencer(ctx).shard(
      files.map((f) => ({ moduleId: `/suite/${f.id}` }) as TestSpecification),
    );
    counted.push(picked.reduce((sum, spec) => sum + (ms.get(spec.moduleId) ?? 0), 0));
  }
  const shardMakespanRatio = round3(planned / ideal);
  const vitestShardMakespanRatio = round3(Math.max(...counted) / ideal);
  log(
    `shards: ${files.length} files (5% heavy), ${total} shards, ideal ${(ideal / 1000).toFixed(1)} s; longest-first ${(planned / 1000).toFixed(1)} s (${shardMakespanRatio}× ideal, goal ≤ 1.10); Vitest --shard ${(Math.max(...counted) / 1000).toFixed(1)} s (${vitestShardMakespanRatio}×)`,
  );
  return { shardMakespanRatio, vitestShardMakespanRatio };
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
try {
  const history = await historyFigures();
  const recordOverheadPerTestMs = recordingOverhead();
  const shards = await shardFigures();
  console.log(JSON.stringify({ ...history, recordOverheadPerTestMs, ...shards }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
