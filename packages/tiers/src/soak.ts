import { checkSoakDuration, parseDuration } from '@assay/guard';

/** A soak run is bounded unless ASSAY_SOAK_DURATION asks for more (make test-soak-1h, test-soak-24h). */
export const DEFAULT_SOAK_DURATION = '10s';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * How long a soak test should run, in ms, from ASSAY_SOAK_DURATION. Throws a GateRefusal for a soak
 * longer than 1 h outside CI, so a soak test that calls it can never run for a day by accident.
 */
export function soakDuration(env: Env = process.env): number {
  const ms = parseDuration(env.ASSAY_SOAK_DURATION ?? DEFAULT_SOAK_DURATION, 'ASSAY_SOAK_DURATION');
  checkSoakDuration(ms, env);
  return ms;
}
