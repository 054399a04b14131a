/** Pact's own provider verifier (its native core), run on the same pacts, states and message producers as verify.ts. */
import { Verifier } from '@pact-foundation/pact';
import type { MessageProducers } from './messages.ts';
import type { Pact } from './pact-file.ts';
import type { StateHandlers } from './verify.ts';

export async function runPactVerifier(options: {
  readonly provider: string;
  readonly pacts: readonly Pact[];
  readonly states: StateHandlers;
  /** The running provider, for HTTP interactions. */
  readonly baseUrl?: string;
  /** The provider's message producers, for message interactions (Pact's `messageProviders`). */
  readonly messages?: MessageProducers;
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
  // Pact takes a message's metadata beside its contents, under a key of its own.
  const messageProviders = Object.fromEntries(
    Object.entries(options.messages ?? {}).map(([description, produce]) => [
      description,
      async () => {
        const message = await produce();
        return { __pactMessageMetadata: message.metadata ?? {}, message: message.contents };
      },
    ]),
  );
  await new Verifier({
    provider: options.provider,
    ...(options.baseUrl === undefined ? {} : { providerBaseUrl: options.baseUrl }),
    pactUrls: options.pacts.map((p) => p.file),
    stateHandlers,
    messageProviders,
    logLevel: 'error',
  }).verifyProvider();
}
