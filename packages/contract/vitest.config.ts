import { defineAssayConfig } from '@assay/tiers';

export default defineAssayConfig({ test: { pool: 'forks' } });
