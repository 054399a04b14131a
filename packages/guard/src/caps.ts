/** Caps checked before a run starts: the open-file limit a tier needs. */
import { readFileSync } from 'node:fs';
import type { GuardConfig } from './config.ts';
import { GateRefusal } from './gates.ts';

/** The soft open-file limit of this process, from /proc (undefined where there is none). */
export function openFileLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line?.[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(line?.[1]);
  } catch {
    return undefined;
  }
}

/** Fails early, with what to do, when the open-file limit is too low for the tier. */
export function checkOpenFiles(config: GuardConfig, limit = openFileLimit()): void {
  if (limit !== undefined && limit < config.minOpenFiles) {
    throw new GateRefusal(
      `the open-file limit is ${limit}, below the ${config.minOpenFiles} the ${config.tier} tier needs: raise it (ulimit -n ${config.minOpenFiles}) or set ASSAY_MIN_OPEN_FILES`,
    );
  }
}
