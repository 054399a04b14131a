/**
 * Stryker with its Vitest runner, as one workspace's mutation run needs it. Found in the repository
 * (`@stryker-mutator/core` and `@stryker-mutator/vitest-runner` beside Vitest), never downloaded.
 *
 * What the configuration works around, checked with Stryker 10.1 and Vitest 5.1:
 * - pnpm keeps the runner out of core's folder, where Stryker looks for plugins: it is named by path;
 * - the preset gives workers `--expose-gc`, which worker threads refuse: the forks pool;
 * - Stryker rewrites tsconfig.json through TypeScript's JavaScript API, which TypeScript 7 no longer
 *   has; Vitest does not type-check, so no tsconfig is given to rewrite;
 * - the sandbox (a copy of the workspace) sits two folders below the root, as workspaces do, so
 *   `extends: ../../tsconfig.base.json` still resolves.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { MutationError } from './report.ts';

export interface StrykerPaths {
  readonly bin: string;
  readonly runner: string;
}

/** Stryker's command and its Vitest runner, from the repository root; a one-line error when missing. */
export function findStryker(repoRoot: string): StrykerPaths {
  const bin = join(repoRoot, 'node_modules', '.bin', 'stryker');
  let runner: string | undefined;
  try {
    runner = createRequire(join(repoRoot, 'package.json')).resolve('@stryker-mutator/vitest-runner');
  } catch {
    runner = undefined;
  }
  if (!existsSync(bin) || !runner) {
    throw new MutationError(
      'Stryker is not installed: pnpm add -D -w @stryker-mutator/core @stryker-mutator/vitest-runner',
    );
  }
  return { bin, runner };
}

export interface StrykerRun {
  readonly workspaceDir: string;
  /** Files to mutate, from the workspace (globs allowed). */
  readonly mutate: readonly string[];
  /** Where this run keeps its configuration, report and incremental file. */
  readonly workDir: string;
  readonly incremental: boolean;
  readonly concurrency: number;
}

export function strykerConfig(run: StrykerRun, repoRoot: string, stryker: StrykerPaths): Record<string, unknown> {
  const name = relative(repoRoot, run.workspaceDir).replace(/[\\/]/g, '-');
  return {
    plugins: [stryker.runner],
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.config.ts', pool: 'forks' },
    mutate: [...run.mutate],
    coverageAnalysis: 'perTest',
    reporters: ['json', 'clear-text', 'progress'],
    jsonReporter: { fileName: join(run.workDir, 'mutation.json') },
    tempDirName: relative(run.workspaceDir, join(repoRoot, `.stryker-tmp-${name}`)),
    cleanTempDir: 'always',
    tsconfigFile: 'no-tsconfig-to-rewrite.json',
    disableTypeChecks: false,
    concurrency: run.concurrency,
    incremental: run.incremental,
    incrementalFile: join(run.workDir, 'incremental.json'),
  };
}

/**
 * Runs Stryker on one workspace, its output passed through. The tests run unrecorded and without
 * coverage: a mutant's run is not a run of the code, and Stryker measures coverage itself.
 */
export async function runStryker(run: StrykerRun, repoRoot: string, stryker: StrykerPaths): Promise<number> {
  mkdirSync(run.workDir, { recursive: true });
  const configFile = join(run.workDir, 'stryker.config.json');
  writeFileSync(configFile, `${JSON.stringify(strykerConfig(run, repoRoot, stryker), null, 2)}\n`);
  const child = spawn(stryker.bin, ['run', configFile], {
    cwd: run.workspaceDir,
    stdio: 'inherit',
    env: { ...process.env, ASSAY_RECORD: '0', ASSAY_COVERAGE: 'off' },
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return code ?? 1;
}
