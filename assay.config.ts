import { defineRepoConfig } from '@assay/tiers/config';

export default defineRepoConfig({
  // The platform's slow end-to-end checks — of the nightly and weekly tiers themselves, and of whole
  // tiers of sample monorepos: the nightly tier and `make test` run them, so the PR tier stays quick.
  categories: {
    'later-tiers': { description: 'end-to-end checks of the nightly and weekly tiers', timeout: 120_000 },
    'monorepo-e2e': { description: 'end-to-end checks that run whole tiers of sample monorepos', timeout: 180_000 },
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
        'operational',
        'later-tiers',
        'monorepo-e2e',
      ],
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
  // This repo's machines have no image registry: the container provider uses the images that
  // `make images` builds from Debian's packages (tools/images). ASSAY_<SERVICE>_IMAGE overrides
  // them for one run (the GitHub workflows use the official images).
  services: {
    postgres: { image: 'assay-postgres:15' },
    redis: { image: 'assay-redis:7' },
    mariadb: { image: 'assay-mariadb:10.11' },
  },
});
