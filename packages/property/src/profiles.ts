/**
 * Property profiles, like Hypothesis's settings profiles: how hard each property is tried. The tier
 * picks one (pr: default; nightly and weekly: thorough), ASSAY_PROPERTY_PROFILE overrides it. turbo
 * hashes every ASSAY_ variable, so a cached result never stands for another profile.
 */
export const PROFILE_NAMES = ['quick', 'default', 'thorough'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface Profile {
  readonly name: ProfileName;
  /** Generated cases per property. */
  readonly numRuns: number;
  /**
   * One case computing longer than this, in CPU time, fails the property (health check: too slow).
   * Waiting (services, a busy machine) does not count, so the check holds on a loaded CI runner.
   */
  readonly maxCaseMs: number;
  /** Stop generating after this long; the cases run so far count (fast-check's interruptAfterTimeLimit). */
  readonly timeLimitMs: number;
  /** Share of generated values a property may filter out (fc.pre) before it fails (health check). */
  readonly maxFilteredShare: number;
}

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  quick: { name: 'quick', numRuns: 25, maxCaseMs: 1_000, timeLimitMs: 5_000, maxFilteredShare: 0.5 },
  default: { name: 'default', numRuns: 100, maxCaseMs: 1_000, timeLimitMs: 20_000, maxFilteredShare: 0.5 },
  thorough: { name: 'thorough', numRuns: 1_000, maxCaseMs: 2_000, timeLimitMs: 120_000, maxFilteredShare: 0.5 },
};

/** A bad profile name: one line, exit 2. */
export class PropertyConfigError extends Error {
  override name = 'PropertyConfigError';
  readonly exitCode = 2;
}

export function parseProfile(value: string, source: string): Profile {
  if (!(PROFILE_NAMES as readonly string[]).includes(value)) {
    throw new PropertyConfigError(
      `unknown property profile '${value}' (${source}): expected one of ${PROFILE_NAMES.join(', ')}`,
    );
  }
  return PROFILES[value as ProfileName];
}

/** The profile for this run: ASSAY_PROPERTY_PROFILE, else the tier's (ASSAY_TIER; pr by default). */
export function currentProfile(env: NodeJS.ProcessEnv = process.env): Profile {
  if (env.ASSAY_PROPERTY_PROFILE) return parseProfile(env.ASSAY_PROPERTY_PROFILE, 'ASSAY_PROPERTY_PROFILE');
  return env.ASSAY_TIER === 'nightly' || env.ASSAY_TIER === 'weekly' ? PROFILES.thorough : PROFILES.default;
}
