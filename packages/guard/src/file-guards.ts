/**
 * The guards around each test file, run inside the test worker (the tier preset registers them):
 * the heap after a forced GC before and after the file, and the resources the file left open.
 * Their findings go to the file's `meta.assayGuard` for the run's verdict; a file over its heap
 * budget, or leaking in a tier that fails on leaks, fails right there, named.
 */
import type { afterAll, beforeAll } from 'vitest';
import type { GuardConfig } from './config.ts';
import { installResourceTracking, type OpenResource, openResources, resetTracking } from './resources.ts';

export interface FileGuardRecord {
  readonly heapBeforeBytes: number;
  readonly heapAfterBytes: number;
  /** False when the worker runs without --expose-gc, so the figures include garbage. */
  readonly gcForced: boolean;
  readonly leaks: readonly OpenResource[];
}

declare module 'vitest' {
  interface TaskMeta {
    assayGuard?: FileGuardRecord;
  }
}

function heapAfterGc(): { bytes: number; forced: boolean } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return { bytes: process.memoryUsage().heapUsed, forced: gc !== undefined };
}

/** Bytes in MB (1024 × 1024), as every guard message says them. */
export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export function formatResource(resource: OpenResource): string {
  return `${resource.detail}${resource.stack[0] ? `, created at ${resource.stack[0]}` : ''}`;
}

/** Registers the file guards with Vitest's beforeAll/afterAll (passed in: this module is also loaded outside test runs). */
export function installFileGuards(
  config: GuardConfig,
  hooks: { beforeAll: typeof beforeAll; afterAll: typeof afterAll },
): void {
  if (config.leaks !== 'off') installResourceTracking();
  let before = 0;
  hooks.beforeAll(() => {
    resetTracking();
    before = heapAfterGc().bytes;
  });
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads the first parameter as a fixtures pattern
  hooks.afterAll(async ({}, file) => {
    // Let callbacks that are already due run, so a resource closed in an after hook is not counted.
    await new Promise((resolve) => setImmediate(resolve));
    const after = heapAfterGc();
    const leaks = config.leaks === 'off' ? [] : openResources();
    const record: FileGuardRecord = {
      heapBeforeBytes: before,
      heapAfterBytes: after.bytes,
      gcForced: after.forced,
      leaks,
    };
    file.meta.assayGuard = record;
    const growth = after.bytes - before;
    if (growth > config.fileHeapBudgetBytes) {
      throw new Error(
        `heap grew by ${mb(growth)} in this file, over the per-file budget of ${mb(config.fileHeapBudgetBytes)} (ASSAY_FILE_HEAP_BUDGET_MB)`,
      );
    }
    if (config.leaks === 'fail' && leaks.length > 0) {
      throw new Error(
        `left open after its tests (the ${config.tier} tier fails on leaks): ${leaks.map(formatResource).join('; ')}`,
      );
    }
  });
}
