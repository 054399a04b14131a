import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type GuardConfig, HangWatch } from '@assay/guard';
import {
  type CoverageThresholds,
  type CoverageTotals,
  clearWorkspaceCoverage,
  type MergedRun,
  mergedRun,
  projectName,
  repoRoot,
  shortfalls,
  toCoverageMap,
  workspaceCoverage,
  writeWorkspaceCoverage,
} from '@assay/insights';
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestSpecification, Vitest } from 'vitest/node';
import type { Category, Tier, TierModel } from './model.ts';
import { GUARD_FILE, quarantineOf, SUMMARY_FILE, summarize, verdictFor } from './summary.ts';
import { RUN_CATEGORIES } from './worker-settings.ts';

/**
 * Writes the workspace's RunSummary after every run, whether started by `assay test` or a bare
 * `vitest run`, so the monorepo summary and the reports never depend on how a run began. When
 * coverage is on it also keeps the workspace's coverage file and checks its thresholds.
 */
export class TierReporter implements Reporter {
  private readonly tier: Tier;
  private readonly model: TierModel;
  private readonly guards: GuardConfig;
  private categories: readonly Category[] | null = null;
  private passWithNoTests = false;
  private root = process.cwd();
  private startedAt = new Date();
  private hangWatch: HangWatch | undefined;
  private readonly thresholds: (workspace: string) => CoverageThresholds;
  private coverage: CoverageTotals | undefined;
  private merged: MergedRun | undefined;

  constructor(
    tier: Tier,
    model: TierModel,
    guards: GuardConfig,
    thresholds: (workspace: string) => CoverageThresholds = () => ({}),
  ) {
    this.tier = tier;
    this.model = model;
    this.guards = guards;
    this.thresholds = thresholds;
  }

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    this.categories = vitest.getRootProject().getProvidedContext()[RUN_CATEGORIES] ?? null;
    this.passWithNoTests = vitest.config.passWithNoTests;
    this.merged = mergedRun(vitest);
    // A summary left by an earlier run must not stand for this one if it ends before reporting.
    rmSync(join(this.root, SUMMARY_FILE), { force: true });
    clearWorkspaceCoverage(this.root);
  }

  onTestRunStart(_specifications: ReadonlyArray<TestSpecification>): void {
    this.startedAt = new Date();
    this.coverage = undefined;
    this.hangWatch = new HangWatch(this.guards.hangAfterMs, (line) => process.stderr.write(`assay guard: ${line}\n`));
  }

  /** Called before onTestRunEnd when coverage is on. */
  onCoverage(coverage: unknown): void {
    const measured = workspaceCoverage(toCoverageMap(coverage), projectName(this.root), repoRoot(this.root));
    writeWorkspaceCoverage(this.root, measured);
    this.coverage = measured.totals;
  }

  onTestModuleStart(module: TestModule): void {
    this.hangWatch?.started(module.relativeModuleId);
  }

  onTestModuleEnd(module: TestModule): void {
    this.hangWatch?.ended(module.relativeModuleId);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    for (const file of this.hangWatch?.stop() ?? []) process.stderr.write(`assay guard: ${file} did not finish\n`);
    // A merge of shards summarises the sharded run: its coverage and wall time come from the blobs.
    if (this.merged?.coverage) this.onCoverage(this.merged.coverage);
    const durationMs = this.merged?.durationMs ?? Date.now() - this.startedAt.getTime();
    const guard = verdictFor(this.guards, modules, durationMs);
    write(join(this.root, GUARD_FILE), guard);
    for (const line of guard.warnings) process.stderr.write(`assay guard: warning: ${line}\n`);
    for (const line of guard.problems) process.stderr.write(`assay guard: FAILED: ${line}\n`);
    const workspace = projectName(this.root);
    const summary = summarize({
      model: this.model,
      workspace,
      tier: this.tier,
      categories: this.categories,
      startedAt: this.startedAt,
      durationMs,
      modules,
      unhandledErrors,
      guard,
      quarantine: quarantineOf(this.root),
      passWithNoTests: this.passWithNoTests,
      ...(this.coverage
        ? { coverage: { totals: this.coverage, shortfalls: shortfalls(this.coverage, this.thresholds(workspace)) } }
        : {}),
    });
    write(join(this.root, SUMMARY_FILE), summary);
    // A bare `vitest run` fails on a coverage shortfall too, as Vitest's own thresholds would.
    if (!summary.ok) process.exitCode = 1;
  }
}

function write(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
