import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GuardVerdict } from '@assay/guard';
import type { RunSummary } from '@assay/tiers';

interface VitestJson {
  testResults: { assertionResults: { title: string; status: string }[] }[];
}

/** Titles of the tests that passed, from Vitest's own JSON report of the run in `dir`. */
export function passedTitles(dir: string): string[] {
  const report = JSON.parse(readFileSync(join(dir, '.vitest/json/output.json'), 'utf8')) as VitestJson;
  return report.testResults
    .flatMap((file) => file.assertionResults)
    .filter((test) => test.status === 'passed')
    .map((test) => test.title)
    .sort();
}

export function runSummary(dir: string): RunSummary {
  return JSON.parse(readFileSync(join(dir, '.vitest/assay/summary.json'), 'utf8')) as RunSummary;
}

/** The guards' verdict on the run in `dir`. */
export function guardVerdict(dir: string): GuardVerdict {
  return JSON.parse(readFileSync(join(dir, '.vitest/assay/guard.json'), 'utf8')) as GuardVerdict;
}
