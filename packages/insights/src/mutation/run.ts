/**
 * `assay mutate`: Stryker over each configured workspace's files, one workspace after another (each
 * run uses every core), its score stored in the history and judged against the stored baseline.
 */
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { revision } from '../git.ts';
import { projectFileName } from '../project.ts';
import type { HistoryStore } from '../store/history.ts';
import { BASELINE_RUNS, type MutationVerdict, mutationVerdict, SURVIVORS_SHOWN } from './gate.ts';
import { MutationError, readMutationReport } from './report.ts';
import { findStryker, runStryker } from './stryker.ts';

export const MUTATION_DIR = '.assay/mutation';

export interface MutationTarget {
  readonly workspace: string;
  readonly dir: string;
  /** Files to mutate, from the workspace (globs allowed). */
  readonly mutate: readonly string[];
}

export interface MutateOptions {
  readonly repoRoot: string;
  readonly targets: readonly MutationTarget[];
  /** Percentage points a score may fall below its baseline. */
  readonly margin: number;
  /** Stryker's incremental mode: only mutants whose code or tests changed run again. */
  readonly incremental: boolean;
  readonly store: HistoryStore;
  readonly concurrency?: number;
}

export async function mutate(options: MutateOptions): Promise<MutationVerdict[]> {
  const stryker = findStryker(options.repoRoot);
  const { sha, branch } = revision(options.repoRoot);
  // Each workspace's earlier scores, read once: this run's own scores are not their baseline.
  const scores = new Map<string, number[]>();
  for (const m of await options.store.recentMeasurements(BASELINE_RUNS)) {
    if (m.kind === 'mutation' && m.name === 'score') scores.set(m.project, [...(scores.get(m.project) ?? []), m.value]);
  }
  const verdicts: MutationVerdict[] = [];
  for (const target of options.targets) {
    const workDir = join(options.repoRoot, MUTATION_DIR, projectFileName(target.workspace));
    const code = await runStryker(
      {
        workspaceDir: target.dir,
        mutate: target.mutate,
        workDir,
        incremental: options.incremental,
        concurrency: options.concurrency ?? availableParallelism(),
      },
      options.repoRoot,
      stryker,
    );
    if (code !== 0)
      throw new MutationError(`Stryker failed on ${target.workspace} (exit ${code}); its output is above`);
    const result = readMutationReport(
      join(workDir, 'mutation.json'),
      target.workspace,
      relative(options.repoRoot, target.dir),
    );
    verdicts.push(mutationVerdict(result, scores.get(target.workspace) ?? [], options.margin));
    await options.store.writeMeasurements({
      gitSha: sha,
      branch,
      recordedAt: new Date().toISOString(),
      measurements: [
        {
          kind: 'mutation',
          project: target.workspace,
          name: 'score',
          value: result.score,
          unit: '%',
          better: 'higher',
          details: {
            detected: result.detected,
            survived: result.survivors
              .slice(0, SURVIVORS_SHOWN)
              .map(({ file, line, mutator }) => ({ file, line, mutator })),
            survivorCount: result.survivors.length,
          },
        },
      ],
    });
  }
  return verdicts;
}
