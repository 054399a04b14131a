/**
 * Pact's own verdict on responses: each case becomes one interaction of a pact file, answered by a
 * local HTTP server with the case's actual response, and verified by Pact's native verifier in a child
 * process (pact-oracle-worker.ts), one verifier run per call. Its JSON report says, per interaction,
 * whether it passed and Pact's mismatches.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { ExpectedResponse } from '../../src/matching.ts';

export interface Case {
  readonly expected: ExpectedResponse;
  readonly actual: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: unknown;
  };
}

export interface Verdict {
  readonly ok: boolean;
  /** Pact's mismatch descriptions, for a failure message. */
  readonly mismatches: readonly string[];
}

/** A verifier process, kept for the calls that follow; `close` ends it. */
export function pactOracle(): { verdicts(cases: readonly Case[]): Promise<Verdict[]>; close(): Promise<void> } {
  let child: ChildProcess | undefined;
  return {
    verdicts(cases) {
      // The native verifier's report goes to the child's stdout, which nobody reads.
      child ??= fork(new URL('./pact-oracle-worker.ts', import.meta.url), {
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
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
        worker.send(cases);
      });
    },
    async close() {
      const worker = child;
      if (!worker || worker.exitCode !== null) return;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill();
      await exited;
    },
  };
}
