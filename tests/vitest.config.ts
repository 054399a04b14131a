import { defineAssayConfig } from '@assay/tiers';

// The sample workspaces under fixtures/ are run by these tests, not as part of them.
export default defineAssayConfig({ test: { include: ['src/**/*.test.ts'] } });
