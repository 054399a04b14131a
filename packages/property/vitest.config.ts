import { defineAssayConfig } from '@assay/tiers';

export default defineAssayConfig();
