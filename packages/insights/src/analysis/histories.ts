import type { ResultRow } from '../store/history.ts';

/** One test's recent results, oldest first. */
export interface TestHistory {
  readonly key: string;
  readonly project: string;
  readonly file: string;
  readonly name: string;
  readonly requirements: readonly string[];
  readonly results: readonly ResultRow[];
}

/** Groups the store's rows (contiguous per test, oldest first) into histories. */
export function groupByTest(rows: readonly ResultRow[]): TestHistory[] {
  const histories: TestHistory[] = [];
  let current: ResultRow[] = [];
  for (const row of rows) {
    if (current.length > 0 && (current[0] as ResultRow).key !== row.key) {
      histories.push(historyOf(current));
      current = [];
    }
    current.push(row);
  }
  if (current.length > 0) histories.push(historyOf(current));
  return histories;
}

function historyOf(results: ResultRow[]): TestHistory {
  const { key, project, file, name, requirements } = results[0] as ResultRow;
  return { key, project, file, name, requirements, results };
}
