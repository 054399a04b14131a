/**
 * The child process behind pact-oracle.ts: it writes the cases as one pact file (`GET /case/<i>` each),
 * answers each from a local HTTP server with the case's actual response, and runs Pact's native
 * verifier (`Verifier` of @pact-foundation/pact, the pact_ffi core) over them all. It runs apart
 * because the native verifier prints its report straight to the process's stdout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pact from '@pact-foundation/pact';
import type { Case, Verdict } from './pact-oracle.ts';

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
  const dir = mkdtempSync(join(tmpdir(), 'assay-pact-oracle-'));
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
    response
      .writeHead(answer.status, { ...answer.headers })
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
  }
}

process.on('message', (cases: Case[]) => {
  pactVerdicts(cases).then(
    (verdicts) => process.send?.({ verdicts }),
    (error: Error) => process.send?.({ error: error.stack ?? error.message }),
  );
});
