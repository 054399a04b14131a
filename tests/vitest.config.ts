import { availableParallelism } from 'node:os';
import { defineAssayConfig } from '@assay/tiers';

export default defineAssayConfig({
  test: {
    // The sample workspaces under fixtures/ are run by these tests, not as part of them.
    include: ['src/**/*.test.ts'],
    // These tests mostly wait for the runs they start: their files run side by side, one per core.
    maxWorkers: availableParallelism(),
    // What they test is other packages, run as processes: coverage of this workspace's own
    // support code would say nothing.
    coverage: { enabled: false },
  },
});
