import { availableParallelism } from 'node:os';
import { defineAssayConfig } from '@assay/tiers';

// Pact's native core runs in the provider tests: one forked process per file, never a worker thread.
// The tests mostly wait on the service, its databases and Pact's verifier: a file per core.
export default defineAssayConfig({ test: { pool: 'forks', maxWorkers: availableParallelism() } });
