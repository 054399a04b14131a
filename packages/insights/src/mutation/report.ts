/**
 * A Stryker run's result, from its JSON report (mutation-testing-report-schema): the mutation score
 * as Stryker computes it — detected (killed or timed out) over valid mutants (detected, survived, or
 * not covered by any test); errors and ignored mutants do not count — and the mutants that lived.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export class MutationError extends Error {
  override name = 'MutationError';
  readonly exitCode = 2;
}

export interface Survivor {
  /** Relative to the repository root. */
  readonly file: string;
  readonly line: number;
  readonly mutator: string;
  readonly replacement: string;
  /** `NoCoverage`: no test ran the mutated code at all. */
  readonly status: 'Survived' | 'NoCoverage';
}

export interface MutationResult {
  readonly workspace: string;
  /** 0–100, two decimals; 100 when there was nothing to mutate. */
  readonly score: number;
  readonly detected: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly survivors: readonly Survivor[];
}

interface ReportMutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number } };
}

interface Report {
  readonly files: Readonly<Record<string, { readonly mutants: readonly ReportMutant[] }>>;
}

/** Reads Stryker's mutation.json of a workspace; `workspacePath` (from the root) prefixes its files. */
export function readMutationReport(file: string, workspace: string, workspacePath: string): MutationResult {
  let report: Report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch (error) {
    throw new MutationError(
      `Stryker left no readable report at ${file}: ${(error as Error).message.split('\n', 1)[0]}`,
    );
  }
  let detected = 0;
  let survived = 0;
  let noCoverage = 0;
  const survivors: Survivor[] = [];
  for (const [path, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      if (mutant.status === 'Killed' || mutant.status === 'Timeout') detected += 1;
      else if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
        if (mutant.status === 'Survived') survived += 1;
        else noCoverage += 1;
        survivors.push({
          file: join(workspacePath, path),
          line: mutant.location.start.line,
          mutator: mutant.mutatorName,
          replacement: mutant.replacement ?? '',
          status: mutant.status,
        });
      }
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const valid = detected + survived + noCoverage;
  const score = valid === 0 ? 100 : Math.round((detected / valid) * 10_000) / 100;
  return { workspace, score, detected, survived, noCoverage, survivors };
}
