/** Linking a test to the requirements it proves, through Vitest's own test `meta`. */

declare module 'vitest' {
  interface TaskMeta {
    /** Requirement ids this test proves, e.g. ['ORD-001']; set with `req()`. */
    requirements?: string[];
  }
}

/**
 * Test options that link a test (or every test of a suite) to requirements:
 * `test('totals an order', { meta: req('ORD-001', 'ORD-004') }, …)`.
 */
export function req(...ids: [string, ...string[]]): { requirements: string[] } {
  return { requirements: ids };
}
