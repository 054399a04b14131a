/**
 * The child process behind pact-oracle.ts: it writes the cases as one pact file (`GET /case/<i>` each),
 * answers each from a local HTTP server with the case's actual response, and runs Pact's native
 * verifier (`Verifier` of @pact-foundation/pact, the pact_ffi core) over them all. It runs apart
 * because the native verifier prints its report straight to the process's stdout. Its files go in the
 * oracle's folder (ASSAY_PACT_ORACLE_DIR), one folder a run, removed after it; told to close, it
 * finishes the run in hand and exits, and if the oracle goes away (disconnect, SIGTERM) it removes
 * its folders before exiting.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pact from '@pact-foundation/pact';
import type { Case, OracleMessage, Verdict } from './pact-oracle.ts';

const root = process.env.ASSAY_PACT_ORACLE_DIR ?? tmpdir();
const made = new Set<string>();

interface VerifierJson {
  readonly interactionResults?: readonly {
    readonly description: string;
    readonly result: string;
    readonly mismatch?: { readonly mismatches?: readonly { readonly mismatch?: string; readonly path?: string }[] };
  }[];
}

function interaction(c: Case, index: number) {
  const { body, ...response } = c.expected;
  return {
    type: 'Synchronous/HTTP',
    description: `case ${index}`,
    request: { method: 'GET', path: `/case/${index}` },
    response: {
      ...response,
      ...(body?.content === undefined
        ? {}
        : { body: { content: body.content, contentType: 'application/json', encoded: false } }),
    },
  };
}

async function pactVerdicts(cases: readonly Case[]): Promise<Verdict[]> {
  const dir = mkdtempSync(join(root, 'run-'));
  made.add(dir);
  const file = join(dir, 'oracle.json');
  writeFileSync(
    file,
    JSON.stringify({
      consumer: { name: 'differential-consumer' },
      provider: { name: 'differential-provider' },
      interactions: cases.map(interaction),
      metadata: { pactSpecification: { version: '4.0' } },
    }),
  );
  const server = createServer((request, response) => {
    const answer = cases[Number(request.url?.split('/').pop())]?.actual;
    if (!answer) return void response.writeHead(404).end();
    // A header's values as separate header lines: a flat list of names and values.
    response
      .writeHead(
        answer.status,
        Object.entries(answer.headers).flatMap(([name, value]) =>
          (typeof value === 'string' ? [value] : value).flatMap((v) => [name, v]),
        ),
      )
      .end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const output = await new pact.Verifier({
      provider: 'differential-provider',
      providerBaseUrl: `http://127.0.0.1:${port}`,
      pactUrls: [file],
      logLevel: 'error',
    })
      .verifyProvider()
      // A failed verification rejects with the same JSON report as its message.
      .catch((error: Error) => error.message);
    const results = (JSON.parse(output) as VerifierJson).interactionResults ?? [];
    return cases.map((_, index) => {
      const result = results.find((r) => r.description === `case ${index}`);
      if (!result) throw new Error(`Pact's verifier reported nothing for case ${index}: ${output.slice(0, 500)}`);
      return {
        ok: result.result === 'OK',
        mismatches: (result.mismatch?.mismatches ?? []).map((m) => `${m.path ?? ''} ${m.mismatch ?? ''}`.trim()),
      };
    });
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
    made.delete(dir);
  }
}

function removeAndExit(): never {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

let running: Promise<unknown> = Promise.resolve();
process.on('message', (message: OracleMessage) => {
  if ('close' in message) {
    running = running.finally(removeAndExit);
    return;
  }
  // The reply is sent before a close that follows can exit.
  const reply = (answer: { verdicts: Verdict[] } | { error: string }) =>
    new Promise((resolve) => process.send?.(answer, undefined, {}, resolve));
  running = pactVerdicts(message.cases).then(
    (verdicts) => reply({ verdicts }),
    (error: Error) => reply({ error: error.stack ?? error.message }),
  );
});
process.on('disconnect', removeAndExit);
process.on('SIGTERM', removeAndExit);
