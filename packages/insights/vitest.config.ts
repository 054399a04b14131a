import { availableParallelism } from 'node:os';
import { defineAssayConfig } from '@assay/tiers';
import { configDefaults } from 'vitest/config';

export default defineAssayConfig({
  test: {
    // test/fixtures holds a sample project the recorder tests run on their own, not tests of this package.
    exclude: [...configDefaults.exclude, 'test/fixtures/**'],
    // Much of it waits on the Vitest runs, histories and Chromium it starts: a file per core.
    maxWorkers: availableParallelism(),
  },
});
