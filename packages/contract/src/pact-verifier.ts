/** Pact's own provider verifier (its native core), run on the same pacts and states as verify.ts. */
import { Verifier } from '@pact-foundation/pact';
import type { Pact } from './pact-file.ts';
import type { StateHandlers } from './verify.ts';

export async function runPactVerifier(options: {
  readonly provider: string;
  readonly baseUrl: string;
  readonly pacts: readonly Pact[];
  readonly states: StateHandlers;
}): Promise<void> {
  const stateHandlers = Object.fromEntries(
    Object.entries(options.states).map(([name, handler]) => [
      name,
      async (params: unknown) => {
        await handler(params as Record<string, unknown> | undefined);
        return undefined;
      },
    ]),
  );
  await new Verifier({
    provider: options.provider,
    providerBaseUrl: options.baseUrl,
    pactUrls: options.pacts.map((p) => p.file),
    stateHandlers,
    logLevel: 'error',
  }).verifyProvider();
}
