/**
 * All N shards of a run on one machine, as N processes side by side: the legs a CI matrix runs,
 * each timed from its start to its exit. Their output is kept apart by a `[i/N]` prefix per line.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface LegCommand {
  readonly command: string;
  readonly args: readonly string[];
}

export interface Leg {
  readonly index: number;
  readonly exitCode: number | null;
  readonly wallMs: number;
}

function relay(from: Readable, to: Writable, prefix: string): void {
  createInterface({ input: from, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
    to.write(`${prefix} ${line}\n`);
  });
}

/** Starts legs 1…total at once (`leg(i)` is leg i's command line) and resolves when all have ended. */
export function runLegs(total: number, leg: (index: number) => LegCommand): Promise<Leg[]> {
  return Promise.all(
    Array.from({ length: total }, async (_, i) => {
      const index = i + 1;
      const { command, args } = leg(index);
      const began = performance.now();
      const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      relay(child.stdout, process.stdout, `[${index}/${total}]`);
      relay(child.stderr, process.stderr, `[${index}/${total}]`);
      const [exitCode] = (await once(child, 'close')) as [number | null];
      return { index, exitCode, wallMs: Math.round(performance.now() - began) };
    }),
  );
}
