/**
 * Pact's own verdict on responses: each case becomes one interaction of a pact file, answered by a
 * local HTTP server with the case's actual response, and verified by Pact's native verifier in a child
 * process (pact-oracle-worker.ts), one verifier run per call. Its JSON report says, per interaction,
 * whether it passed and Pact's mismatches. The worker's pact files live in one temporary folder of the
 * oracle's, removed when it closes: nothing is left behind, however the worker ends.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExpectedResponse } from '../../src/matching.ts';

export interface Case {
  readonly expected: ExpectedResponse;
  readonly actual: {
    readonly status: number;
    /** A header with several values is sent once per value. */
    readonly headers: Readonly<Record<string, string | readonly string[]>>;
    readonly body: unknown;
  };
}

export interface Verdict {
  readonly ok: boolean;
  /** Pact's mismatch descriptions, for a failure message. */
  readonly mismatches: readonly string[];
}

export interface PactOracle {
  verdicts(cases: readonly Case[]): Promise<Verdict[]>;
  /** Asks the worker to finish what it is doing and exit, waits for it, and removes the oracle's folder. */
  close(): Promise<void>;
  /** The oracle's temporary folder (gone after `close`). */
  readonly dir: string;
}

/** The worker is told to close (it exits on its own, its files removed); anything else is cases to verify. */
export type OracleMessage = { readonly close: true } | { readonly cases: readonly Case[] };

/** A verifier process, kept for the calls that follow; `close` ends it. */
export function pactOracle(): PactOracle {
  const dir = mkdtempSync(join(tmpdir(), 'assay-pact-oracle-'));
  let child: ChildProcess | undefined;
  return {
    dir,
    verdicts(cases) {
      // The native verifier's report goes to the child's stdout, which nobody reads.
      child ??= fork(new URL('./pact-oracle-worker.ts', import.meta.url), {
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        env: { ...process.env, ASSAY_PACT_ORACLE_DIR: dir },
      });
      const worker = child;
      return new Promise((resolve, reject) => {
        const exited = (code: number | null) => reject(new Error(`the Pact verifier process exited (${code})`));
        worker.once('exit', exited);
        worker.once('message', (reply: { verdicts?: Verdict[]; error?: string }) => {
          worker.off('exit', exited);
          if (reply.verdicts) resolve(reply.verdicts);
          else reject(new Error(`Pact's verifier failed: ${reply.error}`));
        });
        worker.send({ cases } satisfies OracleMessage);
      });
    },
    async close() {
      const worker = child;
      if (worker && worker.exitCode === null && worker.signalCode === null) {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.send({ close: true } satisfies OracleMessage);
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
