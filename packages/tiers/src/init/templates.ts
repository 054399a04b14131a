/**
 * What `assay init` writes: the files a monorepo needs for Assay, derived from the tier model.
 */
import type { BuiltInTier, TierModel } from '../model.ts';

/** The variables a tier's results depend on (the turbo task hash), besides the files. */
const TASK_ENV = [
  'ASSAY_*',
  '!ASSAY_SESSION',
  '!ASSAY_HISTORY_URL',
  'CI',
  'DATABASE_URL',
  'REDIS_URL',
  'MARIADB_URL',
  'DOCKER_HOST',
];

export interface TurboTask {
  readonly [key: string]: unknown;
}

/**
 * The turbo tasks of the model's tiers. `transit` makes a workspace's tests wait for, and hash in,
 * the workspaces it depends on (turbo's transit-node pattern); `^build` too when the repo builds.
 * Only tiers marked `cache` (the PR tier, by default) may be replayed from turbo's cache.
 */
export function turboTasks(model: TierModel, hasBuild: boolean): Record<string, TurboTask> {
  const dependsOn = hasBuild ? ['transit', '^build'] : ['transit'];
  const tasks: Record<string, TurboTask> = { transit: { dependsOn: ['^transit'] } };
  for (const tier of model.tiers) {
    const { description, cache } = model.tier(tier);
    tasks[`test:${tier}`] = cache
      ? {
          description,
          dependsOn,
          env: TASK_ENV,
          inputs: ['$TURBO_DEFAULT$', '!.vitest/**', '$TURBO_ROOT$/quarantine.yaml', '$TURBO_ROOT$/assay.config.ts'],
          outputs: ['.vitest/**'],
        }
      : { description, dependsOn, env: TASK_ENV, outputs: ['.vitest/**'], cache: false };
  }
  return tasks;
}

/** A workspace's scripts: each tier through the `assay` command. */
export function tierScripts(model: TierModel): Record<string, string> {
  return Object.fromEntries(model.tiers.map((tier) => [`test:${tier}`, `assay test --tier ${tier}`]));
}

/** The root's scripts: `pnpm traceability --threshold 100` is the requirement gate. */
export const ROOT_SCRIPTS: Readonly<Record<string, string>> = { traceability: 'assay trace' };

export const VITEST_CONFIG = `import { defineAssayConfig } from '@assay/tiers';

// Assay's preset: the tier model's categories as tags, guards, reporters and history.
// Your own Vitest settings go in the object, e.g. defineAssayConfig({ test: { pool: 'forks' } }).
export default defineAssayConfig();
`;

export const REPO_CONFIG = `import { defineRepoConfig } from '@assay/tiers/config';

// Assay's settings for this repository, read by every workspace's run; environment variables
// override them for one run. For example, the images the container provider starts:
//   services: { postgres: { image: 'postgres:17-alpine' }, redis: { image: 'redis:8-alpine' } }
// Coverage is on in the PR tier (it needs @vitest/coverage-v8 beside Vitest); gate it with
//   coverage: { thresholds: { lines: 80, branches: 70 }, changedLines: 90 }
// and name what 'assay mutate' mutates (it needs @stryker-mutator/core and its vitest-runner):
//   mutation: { workspaces: { '@app/web': ['src/pricing.ts'] } }
export default defineRepoConfig({});
`;

export const REQUIREMENTS = `# This workspace's requirements; a test proves one with { meta: req('ID') } from @assay/trace.
schemaVersion: 1
requirements: []
`;

export const QUARANTINE = `# Tests whose failures do not fail their tier (assay insights quarantine --update maintains it).
schemaVersion: 1
tests: []
`;

/** What git (and so turbo's hash) should leave out: Vitest's, Assay's and turbo's own output. */
// Stryker's sandboxes (assay mutate) sit beside the workspaces while it runs.
export const GITIGNORE_LINES = ['.vitest/', '.assay/', '.turbo/', '.stryker-tmp-*/'] as const;

function workflow(tier: BuiltInTier, trigger: string): string {
  // The PR tier: the summary merges the workspaces' coverage, then the traceability gate and, on a
  // pull request, the changed-lines coverage against the base branch (which needs its history).
  const pr =
    tier === 'pr'
      ? `
      - run: pnpm traceability --threshold 100
      - if: github.event_name == 'pull_request'
        run: pnpm assay coverage changed --base "origin/$GITHUB_BASE_REF"`
      : '';
  return `# Assay's ${tier} tier (written by assay init).
name: assay-${tier}

on:
${trigger}

permissions:
  contents: read

jobs:
  test-${tier}:
    runs-on: ubuntu-latest
    timeout-minutes: ${tier === 'pr' ? 30 : 120}
    env:
      TURBO_TELEMETRY_DISABLED: "1"
    steps:
      - uses: actions/checkout@v4${tier === 'pr' ? '\n        with:\n          fetch-depth: 0' : ''}
      - uses: pnpm/action-setup@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          cache: pnpm
      - run: pnpm install --frozen-lockfile
      - run: |
          start=$(date +%s%3N)
          export ASSAY_SESSION="$start"
          status=0
          pnpm turbo run test:${tier} --continue || status=$?
          pnpm assay summary --tier ${tier} --since "$start" || status=1
          exit "$status"${pr}
`;
}

/** One workflow per built-in tier; a tier of the repository's own runs where its owners choose. */
export const WORKFLOWS: Readonly<Record<BuiltInTier, string>> = {
  pr: workflow('pr', '  pull_request:\n  push:\n    branches: [main]'),
  nightly: workflow('nightly', '  schedule:\n    - cron: "0 2 * * *"\n  workflow_dispatch:'),
  weekly: workflow('weekly', '  schedule:\n    - cron: "0 3 * * 0"\n  workflow_dispatch:'),
};
