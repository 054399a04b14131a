import { availableParallelism } from 'node:os';
import { defineAssayConfig } from '@assay/tiers';

// Most of these tests run the `assay` command as a process and wait for it: their files run side
// by side, one per core.
export default defineAssayConfig({ test: { maxWorkers: availableParallelism() } });
