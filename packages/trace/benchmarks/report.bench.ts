/**
 * Benchmark: the traceability report over 10,000 recorded tests in 500 files, linked to 1,000
 * requirements, from the files on disk to the printed report — what `assay trace` does.
 * Prints the figures; the last line is JSON: { tests, files, seconds }.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTraceability, formatTraceReport, loadRequirements, loadResults } from '../src/index.ts';

const FILES = 500;
const TESTS_PER_FILE = 20;
const REQUIREMENTS = 1_000;
const ROUNDS = 5;

const root = mkdtempSync(join(tmpdir(), 'assay-trace-bench-'));
try {
  const workspace = { name: '@bench/app', path: 'app' };
  mkdirSync(join(root, 'app/.vitest/json'), { recursive: true });
  const ids = Array.from({ length: REQUIREMENTS }, (_, i) => `APP-${String(i + 1).padStart(4, '0')}`);
  writeFileSync(
    join(root, 'app/requirements.yaml'),
    `schemaVersion: 1\nrequirements:\n${ids.map((id) => `  - id: ${id}\n    title: Requirement ${id}\n    status: active\n`).join('')}`,
  );
  const testResults = Array.from({ length: FILES }, (_, f) => ({
    name: join(root, 'app', `test/file-${f}.test.ts`),
    assertionResults: Array.from({ length: TESTS_PER_FILE }, (_, t) => {
      const n = f * TESTS_PER_FILE + t;
      return {
        ancestorTitles: [`suite ${f}`],
        title: `test ${t}`,
        status: n % 97 === 0 ? 'failed' : n % 13 === 0 ? 'skipped' : 'passed',
        meta: { requirements: [ids[n % REQUIREMENTS], ids[(n * 7) % REQUIREMENTS]] },
      };
    }),
  }));
  writeFileSync(join(root, 'app/.vitest/json/output.json'), JSON.stringify({ testResults }));

  const times: number[] = [];
  let summary = '';
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    const report = checkTraceability({
      requirements: loadRequirements(root, [workspace]),
      tests: loadResults(root, [workspace], '.vitest/json/output.json'),
      threshold: 100,
      requireLinks: true,
    });
    const text = formatTraceReport(report) + JSON.stringify(report);
    times.push(performance.now() - start);
    summary = `${report.tests} tests, ${report.active} requirements, ${text.length} characters of report`;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(`trace report: ${summary}`);
  console.log(
    `median of ${ROUNDS} rounds: ${median.toFixed(0)} ms (fastest ${times[0]?.toFixed(0)} ms, slowest ${times.at(-1)?.toFixed(0)} ms); goal: ≤ 2000 ms`,
  );
  console.log(
    JSON.stringify({ tests: FILES * TESTS_PER_FILE, files: FILES, seconds: Number((median / 1000).toFixed(3)) }),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
