/**
 * One workspace's tier run, summarized. Written by TierReporter as `.vitest/assay/summary.json`
 * (schema: see `RunSummary`; documented in the package README) and read back by `assay summary`.
 */
import { type GuardConfig, type GuardVerdict, guardVerdict } from '@assay/guard';
import {
  type CoverageTotals,
  errorMessage,
  insightsPaths,
  moduleErrors,
  quarantinedKeys,
  repoRoot,
  type Shortfall,
  testKey,
} from '@assay/insights';
import type { TestCase, TestModule } from 'vitest/node';
import type { Category, Tier, TierModel } from './model.ts';

export const SUMMARY_SCHEMA_VERSION = 1;
export const SUMMARY_FILE = '.vitest/assay/summary.json';
export const JUNIT_FILE = '.vitest/junit/output.xml';
export const JSON_FILE = '.vitest/json/output.json';
export const GUARD_FILE = '.vitest/assay/guard.json';

export interface Counts {
  passed: number;
  failed: number;
  /** Skipped by the test itself (skip, todo, only elsewhere). */
  skipped: number;
  /** Left out because the tier (or a --category choice) does not select it. */
  deselected: number;
}

export interface FailedTest {
  readonly file: string;
  readonly name: string;
  /** Quarantined failures (the quarantine tag, or listed in quarantine.yaml) are reported but do not fail the tier. */
  readonly quarantined: boolean;
  readonly message: string;
}

/** A property's statistics, as @assay/property puts them in its test's meta. */
export interface PropertyRun {
  readonly file: string;
  readonly name: string;
  readonly profile: string;
  readonly runs: number;
  readonly shrinks: number;
  readonly filteredShare: number;
  readonly timeMs: number;
  readonly slowestCaseMs: number;
  readonly replayed: number;
}

export interface RunSummary {
  readonly schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  readonly workspace: string;
  readonly tier: Tier;
  readonly categories: readonly Category[] | null;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly counts: Counts;
  readonly byCategory: Partial<Record<Category | 'untagged', Counts>>;
  readonly failures: readonly FailedTest[];
  /** Every property test's statistics (runs, shrinks, share filtered out, time). */
  readonly properties: readonly PropertyRun[];
  /** Files that failed outside any test (syntax errors, an unknown tag, a failing hook). */
  readonly fileErrors: readonly { readonly file: string; readonly message: string }[];
  /** The guards' findings (full verdict in .vitest/assay/guard.json). */
  readonly guard: { readonly ok: boolean; readonly problems: readonly string[]; readonly warnings: readonly string[] };
  /** The workspace's code coverage, when the tier measured it, and the thresholds it fell short of. */
  readonly coverage?: RunCoverage;
  /** Whether the tier passes: no failure other than quarantined ones, the guards pass, no coverage shortfall. */
  readonly ok: boolean;
  readonly reports: { readonly junit: string; readonly json: string };
}

export interface RunCoverage {
  readonly totals: CoverageTotals;
  readonly shortfalls: readonly Shortfall[];
}

export function emptyCounts(): Counts {
  return { passed: 0, failed: 0, skipped: 0, deselected: 0 };
}

export function addCounts(into: Counts, from: Counts): Counts {
  into.passed += from.passed;
  into.failed += from.failed;
  into.skipped += from.skipped;
  into.deselected += from.deselected;
  return into;
}

type Outcome = keyof Counts;

function outcomeOf(test: TestCase, model: TierModel, tier: Tier, only: readonly Category[] | null): Outcome {
  const state = test.result().state;
  if (state === 'passed') return 'passed';
  if (state === 'failed') return 'failed';
  return model.isSelected(test.tags, tier, only ?? undefined) ? 'skipped' : 'deselected';
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n', 1)[0] ?? '';
}

export interface SummarizeInput {
  readonly model: TierModel;
  readonly workspace: string;
  readonly tier: Tier;
  readonly categories: readonly Category[] | null;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly modules: readonly TestModule[];
  readonly unhandledErrors: readonly unknown[];
  readonly guard: GuardVerdict;
  /** Keys of the tests in the committed quarantine list (quarantine.yaml), as @assay/insights reads it. */
  readonly quarantine: ReadonlySet<string>;
  /** Vitest's passWithNoTests: a run of no test files passes (the preset sets it). */
  readonly passWithNoTests?: boolean;
  readonly coverage?: RunCoverage;
}

/** The quarantine list of the repository around `root`. */
export function quarantineOf(root: string): ReadonlySet<string> {
  return quarantinedKeys(insightsPaths(repoRoot(root)).quarantine);
}

/** The guards' verdict on a run, from what each file's guards recorded. */
export function verdictFor(guards: GuardConfig, modules: readonly TestModule[], durationMs: number): GuardVerdict {
  const files = modules.map((m) => ({
    file: m.relativeModuleId,
    durationMs: m.diagnostic().duration,
    guard: m.meta().assayGuard,
  }));
  return guardVerdict(guards, files, durationMs);
}

export function summarize(input: SummarizeInput): RunSummary {
  const { model, tier, categories, modules } = input;
  const counts = emptyCounts();
  const byCategory: Partial<Record<Category | 'untagged', Counts>> = {};
  const failures: FailedTest[] = [];
  const properties: PropertyRun[] = [];
  const fileErrors: { file: string; message: string }[] = [];

  for (const module of modules) {
    // Collection errors, the file's own hooks' (a guard failing the file, say), and a describe's failed
    // hook (a beforeAll): its tests were skipped, and the run must fail.
    for (const message of moduleErrors(module)) fileErrors.push({ file: module.relativeModuleId, message });
    for (const test of module.children.allTests()) {
      const outcome = outcomeOf(test, model, tier, categories);
      counts[outcome] += 1;
      for (const category of model.categoryKeys(test.tags)) {
        byCategory[category] ??= emptyCounts();
        byCategory[category][outcome] += 1;
      }
      const stats = (test.meta() as { property?: Omit<PropertyRun, 'file' | 'name'> }).property;
      if (stats) properties.push({ file: module.relativeModuleId, name: test.fullName, ...stats });
      if (outcome === 'failed') {
        failures.push({
          file: module.relativeModuleId,
          name: test.fullName,
          quarantined:
            test.tags.includes('quarantine') ||
            input.quarantine.has(testKey(input.workspace, module.relativeModuleId, test.fullName)),
          message: firstLine(test.result().errors?.[0]?.message),
        });
      }
    }
  }
  if (modules.length === 0 && !input.passWithNoTests)
    fileErrors.push({ file: '(none)', message: 'no test files found' });
  for (const error of input.unhandledErrors) {
    fileErrors.push({
      file: '(unhandled)',
      message: firstLine(errorMessage(error)),
    });
  }

  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    workspace: input.workspace,
    tier,
    categories,
    startedAt: input.startedAt.toISOString(),
    durationMs: Math.round(input.durationMs),
    counts,
    byCategory,
    failures,
    properties,
    fileErrors,
    guard: { ok: input.guard.ok, problems: input.guard.problems, warnings: input.guard.warnings },
    ...(input.coverage ? { coverage: input.coverage } : {}),
    ok:
      fileErrors.length === 0 &&
      failures.every((f) => f.quarantined) &&
      input.guard.ok &&
      (input.coverage?.shortfalls.length ?? 0) === 0,
    reports: { junit: JUNIT_FILE, json: JSON_FILE },
  };
}
