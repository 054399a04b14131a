/** `property(name, arbitraries, predicate)`: a Vitest test that checks a property with assertProperty. */
import fc from 'fast-check';
import { type TestOptions, test } from 'vitest';
import { type AssertOptions, assertProperty } from './assert.ts';
import { currentProfile } from './profiles.ts';

type Arbitraries<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };

/**
 * Registers a test checking that `predicate` holds for every generated input (it fails by
 * returning false or throwing): saved failures replayed first, then the profile's runs.
 */
export function property<Ts extends [unknown, ...unknown[]]>(
  name: string,
  arbitraries: Arbitraries<Ts>,
  // It fails by returning false (or a promise of false) or by throwing.
  predicate: (...values: Ts) => unknown,
  options: TestOptions & Omit<AssertOptions, 'context'> = {},
): void {
  const { profile = currentProfile(), database, ...testOptions } = options;
  // Past the profile's time limit the runner stops generating; the test's timeout leaves room to shrink.
  test(name, { timeout: profile.timeLimitMs * 2, ...testOptions }, async (context) => {
    const checked = fc.asyncProperty(
      ...(arbitraries as unknown as [fc.Arbitrary<unknown>]),
      async (...values: unknown[]) => (await predicate(...(values as Ts))) !== false,
    );
    await assertProperty(checked as fc.IAsyncProperty<unknown>, {
      profile,
      context,
      ...(database ? { database } : {}),
    });
  });
}
