/**
 * The traceability check: which active requirements are proven by passing tests. A requirement's
 * state follows Xray: covered-passing (a linked test passed, none failed), covered-failing (a
 * linked test failed), not-run (linked tests exist but none ran), uncovered (no linked test).
 * Coverage counts covered-passing requirements only.
 */
import { TraceInputError } from './errors.ts';
import { type Requirement, TIERS, type Tier } from './registry.ts';
import type { TestOutcome, TestRecord } from './results.ts';

export const REPORT_SCHEMA_VERSION = 1;
export const STATES = ['covered-passing', 'covered-failing', 'not-run', 'uncovered'] as const;
export type RequirementState = (typeof STATES)[number];

export interface TestRef {
  readonly workspace: string;
  readonly file: string;
  readonly name: string;
  readonly outcome: TestOutcome;
}

export interface RequirementResult extends Requirement {
  readonly state: RequirementState;
  readonly tests: readonly TestRef[];
}

export type StateCounts = Record<RequirementState, number>;

export interface WorkspaceCoverage {
  readonly workspace: string;
  readonly active: number;
  readonly percent: number;
  readonly counts: StateCounts;
}

export interface IdReference {
  readonly id: string;
  readonly tests: readonly TestRef[];
}

export interface TraceReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** `results`: the last run's recorded outcomes; `static`: tests collected, none run. */
  readonly source: 'results' | 'static';
  readonly filter: string | null;
  readonly active: number;
  readonly coveredPassing: number;
  /** Covered-passing ÷ active, as a percentage (100 when there is nothing to cover). */
  readonly percent: number;
  readonly counts: StateCounts;
  readonly workspaces: readonly WorkspaceCoverage[];
  /** Active requirements, then draft and retired ones (which never count toward coverage). */
  readonly requirements: readonly RequirementResult[];
  /** The tier whose run was checked. */
  readonly tier: Tier;
  /** Active requirements proven only by a later tier's run, left out of this run's coverage. */
  readonly deferred: readonly string[];
  readonly orphans: readonly TestRef[];
  readonly unknownIds: readonly IdReference[];
  readonly retiredReferences: readonly IdReference[];
  readonly tests: number;
  readonly threshold: number | null;
  readonly requireLinks: boolean;
  /** Why the gate fails; empty when it passes. */
  readonly problems: readonly string[];
  readonly ok: boolean;
}

export interface CheckOptions {
  readonly requirements: readonly Requirement[];
  readonly tests: readonly TestRecord[];
  readonly source?: 'results' | 'static';
  /** Fail below this coverage percentage (0–100). */
  readonly threshold?: number;
  /** Fail on any test linked to no requirement. */
  readonly requireLinks?: boolean;
  /** Only this workspace's requirements and tests. */
  readonly filter?: string;
  /** The tier whose run the results are from (default pr): requirements of later tiers are deferred. */
  readonly tier?: Tier;
}

export function parseThreshold(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new TraceInputError(`invalid --threshold '${text}': expected a percentage from 0 to 100`);
  }
  return value;
}

function stateOf(tests: readonly TestRef[]): RequirementState {
  if (tests.length === 0) return 'uncovered';
  if (tests.some((t) => t.outcome === 'failed')) return 'covered-failing';
  if (tests.some((t) => t.outcome === 'passed')) return 'covered-passing';
  return 'not-run';
}

const emptyCounts = (): StateCounts => ({ 'covered-passing': 0, 'covered-failing': 0, 'not-run': 0, uncovered: 0 });
const percentOf = (covered: number, active: number) => (active === 0 ? 100 : (covered / active) * 100);
const ref = ({ workspace, file, name, outcome }: TestRecord): TestRef => ({ workspace, file, name, outcome });

export function checkTraceability(options: CheckOptions): TraceReport {
  const { filter, threshold, requireLinks = false } = options;
  const known = new Map(options.requirements.map((r) => [r.id, r]));
  if (filter !== undefined && !options.requirements.some((r) => r.workspace === filter)) {
    if (!options.tests.some((t) => t.workspace === filter)) {
      throw new TraceInputError(`unknown workspace '${filter}' for --filter: it has no requirements and no tests`);
    }
  }

  const linked = new Map<string, TestRef[]>();
  const unknown = new Map<string, TestRef[]>();
  const orphans: TestRef[] = [];
  for (const test of options.tests) {
    const mine = filter === undefined || test.workspace === filter;
    if (test.requirements.length === 0) {
      if (mine) orphans.push(ref(test));
      continue;
    }
    for (const id of new Set(test.requirements)) {
      const target = known.has(id) ? linked : mine ? unknown : undefined;
      if (!target) continue;
      const tests = target.get(id);
      if (tests) tests.push(ref(test));
      else target.set(id, [ref(test)]);
    }
  }

  const tier = options.tier ?? 'pr';
  const later = (r: Requirement) => TIERS.indexOf(r.tier) > TIERS.indexOf(tier);
  const deferred = options.requirements
    .filter((r) => r.status === 'active' && later(r) && (filter === undefined || r.workspace === filter))
    .map((r) => r.id);
  const inScope = options.requirements.filter(
    (r) => (filter === undefined || r.workspace === filter) && !(r.status === 'active' && later(r)),
  );
  const rank = { active: 0, draft: 1, retired: 2 } as const;
  const requirements = inScope
    .map((r) => ({ ...r, tests: linked.get(r.id) ?? [], state: stateOf(linked.get(r.id) ?? []) }))
    .sort((a, b) => rank[a.status] - rank[b.status]);

  const counts = emptyCounts();
  const perWorkspace = new Map<string, StateCounts>();
  for (const r of requirements.filter((r) => r.status === 'active')) {
    counts[r.state] += 1;
    const ws = perWorkspace.get(r.workspace) ?? emptyCounts();
    ws[r.state] += 1;
    perWorkspace.set(r.workspace, ws);
  }
  const active = requirements.filter((r) => r.status === 'active').length;
  const percent = percentOf(counts['covered-passing'], active);
  const workspaces = [...perWorkspace].map(([workspace, c]) => {
    const total = STATES.reduce((sum, s) => sum + c[s], 0);
    return { workspace, active: total, percent: percentOf(c['covered-passing'], total), counts: c };
  });
  const retiredReferences = requirements
    .filter((r) => r.status === 'retired' && r.tests.length > 0)
    .map((r) => ({ id: r.id, tests: r.tests }));
  const unknownIds = [...unknown].map(([id, tests]) => ({ id, tests }));

  const problems: string[] = [];
  if (threshold !== undefined && counts['covered-passing'] * 100 < threshold * active) {
    problems.push(`coverage ${formatPercent(percent)} is below the threshold of ${threshold}%`);
  }
  if (unknownIds.length > 0) {
    problems.push(`${unknownIds.length} unknown requirement id${unknownIds.length === 1 ? '' : 's'} linked from tests`);
  }
  if (requireLinks && orphans.length > 0) {
    problems.push(
      `${orphans.length} test${orphans.length === 1 ? '' : 's'} linked to no requirement (--require-links)`,
    );
  }

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    source: options.source ?? 'results',
    filter: filter ?? null,
    active,
    coveredPassing: counts['covered-passing'],
    percent,
    counts,
    workspaces,
    requirements,
    tier,
    deferred,
    orphans,
    unknownIds,
    retiredReferences,
    tests: options.tests.filter((t) => filter === undefined || t.workspace === filter).length,
    threshold: threshold ?? null,
    requireLinks,
    problems,
    ok: problems.length === 0,
  };
}

export function formatPercent(percent: number): string {
  return `${(Math.floor(percent * 10) / 10).toFixed(1)}%`;
}
