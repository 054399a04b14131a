import { defineAssayConfig } from '@assay/tiers';

// Pact's native core runs in the tests: one forked process per file, never a worker thread.
export default defineAssayConfig({ test: { pool: 'forks' } });
