import { defineRepoConfig } from '@assay/tiers/config';

// This repo's machines have no image registry: the container provider uses the images that
// `make images` builds from Debian's packages (tools/images). ASSAY_<SERVICE>_IMAGE overrides
// them for one run (the GitHub workflows use the official images).
export default defineRepoConfig({
  services: {
    postgres: { image: 'assay-postgres:15' },
    redis: { image: 'assay-redis:7' },
    mariadb: { image: 'assay-mariadb:10.11' },
  },
});
