import { DEFAULT_ALLOWED_LICENCES, defineRepoConfig } from '@assay/tiers/config';

export default defineRepoConfig({
  // The platform's slow end-to-end checks — of the nightly and weekly tiers themselves, and of whole
  // tiers of sample monorepos: the nightly tier and `make test` run them, so the PR tier stays quick.
  categories: {
    'later-tiers': { description: 'end-to-end checks of the nightly and weekly tiers', timeout: 120_000 },
    'monorepo-e2e': {
      description: 'end-to-end checks over whole monorepos: tiers of sample ones, tools over this one',
      timeout: 180_000,
    },
    // Chaos tests that must pass on every PR (`make test-chaos-smoke`, the PR workflow's chaos-smoke
    // job): a few quick faults through fault proxies, no service restarts. The rest of the chaos and
    // operational tests run nightly, where their failures are reported but do not fail the workflow.
    smoke: { description: 'the must-pass chaos checks of every PR (tagged beside chaos)', timeout: 30_000 },
  },
  tiers: {
    nightly: {
      categories: [
        'unit',
        'integration',
        'property',
        'contract',
        'e2e',
        'quarantine',
        'slow',
        'performance',
        'chaos',
        'smoke',
        'operational',
        'later-tiers',
        'monorepo-e2e',
      ],
    },
  },
  // Coverage: measured by `make test` (ASSAY_COVERAGE=on), not by the main job — on two cores it
  // costs the PR tier a third more CPU (README, Speed), past its two minutes. The thresholds are
  // what each workspace reaches now, so a change that lowers one fails CI.
  // No changedLines threshold: the PR workflow reports a branch's uncovered lines but does not gate
  // them, since cli's and guard's tests run their code in child processes, which it does not see.
  coverage: {
    tiers: [],
    workspaces: {
      '@assay/cli': { lines: 13, branches: 12, functions: 11, statements: 11 },
      '@assay/contract': { lines: 67, branches: 74, functions: 57, statements: 66 },
      // Without a Docker engine the container provider goes untested: what it reaches then.
      '@assay/fixtures': { lines: 68, branches: 54, functions: 60, statements: 65 },
      '@assay/guard': { lines: 55, branches: 56, functions: 46, statements: 55 },
      '@assay/insights': { lines: 72, branches: 60, functions: 74, statements: 71 },
      '@assay/orders-api': { lines: 88, branches: 73, functions: 85, statements: 85 },
      '@assay/property': { lines: 84, branches: 72, functions: 75, statements: 82 },
      '@assay/storefront': { lines: 100, branches: 81, functions: 90, statements: 93 },
      // The shard legs and merge run in child processes (tests/src/shard.test.ts), which V8 coverage
      // of the workspace's own run does not see.
      '@assay/tiers': { lines: 68, branches: 71, functions: 70, statements: 67 },
      '@assay/trace': { lines: 95, branches: 87, functions: 90, statements: 93 },
    },
  },
  // Mutation testing (`make mutation`, and the weekly tier): Assay's core logic.
  mutation: {
    workspaces: {
      '@assay/tiers': ['src/model.ts'],
      '@assay/trace': ['src/check.ts'],
      '@assay/insights': [
        'src/analysis/flaky.ts',
        'src/analysis/baselines.ts',
        'src/shards/lpt.ts',
        'src/shards/plan.ts',
      ],
      '@assay/contract': ['src/matching.ts'],
      '@assay/property': ['src/failures.ts'],
    },
  },
  // The security stage (`make security`): the default licence allow-list, and the two that
  // secretlint's dependencies bring (Artistic-2.0: textextensions and its family; WTFPL:
  // @azu/style-format), both permissive.
  security: {
    licenses: {
      allow: [...DEFAULT_ALLOWED_LICENCES, 'Artistic-2.0', 'WTFPL'],
    },
  },
  // This repo's machines have no image registry: the container provider uses the images that
  // `make images` builds from Debian's packages (tools/images). ASSAY_<SERVICE>_IMAGE overrides
  // them for one run (the GitHub workflows use the official images).
  services: {
    postgres: { image: 'assay-postgres:15' },
    redis: { image: 'assay-redis:7' },
    mariadb: { image: 'assay-mariadb:10.11' },
  },
});
