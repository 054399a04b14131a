/** What the last run recorded about each test, read from Vitest's JSON report (`.vitest/json/output.json`). */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { TraceInputError } from './errors.ts';

/** `not-run`: collected but not executed (skipped, deselected by the tier, todo, or `--static`). */
export type TestOutcome = 'passed' | 'failed' | 'not-run';

export interface TestRecord {
  readonly workspace: string;
  /** The test file, relative to its workspace. */
  readonly file: string;
  /** Suite and test titles joined by ' > '. */
  readonly name: string;
  readonly outcome: TestOutcome;
  readonly requirements: readonly string[];
}

interface VitestJsonAssertion {
  ancestorTitles: string[];
  title: string;
  status: string;
  meta?: { requirements?: unknown };
}

interface VitestJsonReport {
  testResults: { name: string; assertionResults: VitestJsonAssertion[] }[];
}

function outcomeOf(status: string): TestOutcome {
  if (status === 'passed') return 'passed';
  if (status === 'failed') return 'failed';
  return 'not-run';
}

function requirementIds(meta: VitestJsonAssertion['meta'], where: string): string[] {
  const ids = meta?.requirements;
  if (ids === undefined) return [];
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
    throw new TraceInputError(`${where}: meta.requirements must be a list of requirement ids; use req('ID', …)`);
  }
  return ids as string[];
}

/**
 * Reads one workspace's JSON report. `file` names it in messages; `workspaceDir` makes test file
 * paths relative.
 */
export function readVitestReport(path: string, file: string, workspace: string, workspaceDir: string): TestRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new TraceInputError(`no test results at ${file}: run the tests first (make test-pr), or use --static`);
  }
  let report: VitestJsonReport;
  try {
    report = JSON.parse(text) as VitestJsonReport;
  } catch (error) {
    throw new TraceInputError(`corrupt test results at ${file}: ${(error as Error).message}; run the tests again`);
  }
  if (!Array.isArray(report?.testResults)) {
    throw new TraceInputError(
      `corrupt test results at ${file}: not a Vitest JSON report (no testResults); run the tests again`,
    );
  }
  return report.testResults.flatMap((module) => {
    const testFile = relative(workspaceDir, module.name);
    return (module.assertionResults ?? []).map((test) => {
      const name = [...test.ancestorTitles, test.title].join(' > ');
      return {
        workspace,
        file: testFile,
        name,
        outcome: outcomeOf(test.status),
        requirements: requirementIds(test.meta, `${file}: ${testFile} > ${name}`),
      };
    });
  });
}
