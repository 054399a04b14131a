import { defineAssayConfig } from '@assay/tiers';
import { configDefaults } from 'vitest/config';

// test/fixtures holds a sample project the recorder tests run on their own, not tests of this package.
export default defineAssayConfig({ test: { exclude: [...configDefaults.exclude, 'test/fixtures/**'] } });
