/**
 * Provider verification with structured results: every interaction of every pact for a provider is
 * checked against the contract, its provider states set up first — an HTTP interaction replayed
 * against the running provider and its response checked (matching.ts), a message made by the
 * provider's producer for it and its contents and metadata checked (messages.ts). The results go to
 * the provider workspace's `.vitest/assay/contracts.<provider>.json` (schemaVersion 1), for
 * `assay contract verify`.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkResponse } from './matching.ts';
import { checkMessage, checkProducers, type MessageProducers } from './messages.ts';
import {
  ContractError,
  everyInteraction,
  interactionName,
  type Pact,
  type PactInteraction,
  type PactRequest,
  readPacts,
} from './pact-file.ts';

export const VERIFICATION_SCHEMA_VERSION = 1;
const VERIFICATION_DIR = '.vitest/assay';
const VERIFICATION_NAME = /^contracts(\..+)?\.json$/;

/**
 * A provider's results, relative to its workspace: one file per provider, so a workspace that is two
 * pacticipants (an HTTP API and a message producer, verified by test files running at once) keeps both.
 */
export function verificationFile(provider: string): string {
  return `${VERIFICATION_DIR}/contracts.${provider.replace(/[^\w.-]+/g, '_')}.json`;
}

/** A workspace's verification results: `contracts.<provider>.json`, and `contracts.json` as Assay 0.2 wrote it. */
export function verificationFiles(workspace: string): string[] {
  const dir = join(workspace, VERIFICATION_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => VERIFICATION_NAME.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Sets up a provider state (named in the pact's `given`) before its interaction is replayed. */
export type StateHandlers = Readonly<Record<string, (params?: Record<string, unknown>) => Promise<void> | void>>;

export interface InteractionResult {
  readonly description: string;
  readonly states: readonly string[];
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface PactVerification {
  /** The pact's file name in the pacts folder. */
  readonly file: string;
  readonly sha256: string;
  readonly consumer: string;
  readonly provider: string;
  readonly interactions: readonly InteractionResult[];
}

export interface VerificationResults {
  readonly schemaVersion: typeof VERIFICATION_SCHEMA_VERSION;
  readonly provider: string;
  readonly verifiedAt: string;
  readonly pacts: readonly PactVerification[];
}

export interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  /** Every response header, by lower-case name: the contract's expected headers are checked against them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The provider's pacts in the folder; none is an error (nothing to verify means a typo somewhere). */
export function pactsFor(provider: string, pactsDir: string): Pact[] {
  const pacts = readPacts(pactsDir).filter((p) => p.provider === provider);
  if (pacts.length === 0) throw new ContractError(`no pacts for provider '${provider}' in ${pactsDir}`);
  return pacts;
}

/** Every provider state the pacts need must have a handler: an unknown one is a one-line error. */
export function checkStates(pacts: readonly Pact[], states: StateHandlers): void {
  for (const pact of pacts) {
    for (const interaction of everyInteraction(pact)) {
      for (const state of interaction.providerStates ?? []) {
        if (!(state.name in states)) {
          throw new ContractError(
            `${interactionName(pact, interaction)} needs the provider state '${state.name}', which ${pact.provider} has no handler for (it has: ${Object.keys(states).join(', ') || 'none'})`,
          );
        }
      }
    }
  }
}

export async function setUpStates(interaction: PactInteraction, states: StateHandlers): Promise<void> {
  for (const state of interaction.providerStates ?? []) await states[state.name]?.(state.params);
}

/** Sends a request as the pact describes it (with `body` in place of its example when given). */
export async function send(
  baseUrl: string,
  request: PactRequest,
  body: unknown = request.body?.content,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = values.join(', ');
  const response = await fetch(`${baseUrl.replace(/\/$/, '')}${request.path}`, {
    method: request.method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {}
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: Object.fromEntries(response.headers),
    body: parsed,
  };
}

/** An HTTP interaction needs the running provider; a pact of HTTP interactions without one is a one-line error. */
function checkBaseUrl(pacts: readonly Pact[], baseUrl: string | undefined): void {
  if (baseUrl !== undefined) return;
  for (const pact of pacts) {
    const [first] = pact.interactions;
    if (first) {
      throw new ContractError(
        `${interactionName(pact, first)} is an HTTP interaction: verifying ${pact.provider} needs its baseUrl`,
      );
    }
  }
}

export async function verifyPacts(options: {
  readonly provider: string;
  readonly pactsDir: string;
  readonly states: StateHandlers;
  /** The running provider, for HTTP interactions. */
  readonly baseUrl?: string;
  /** The provider's message producers, for message interactions. */
  readonly messages?: MessageProducers;
}): Promise<VerificationResults> {
  const pacts = pactsFor(options.provider, options.pactsDir);
  checkStates(pacts, options.states);
  checkBaseUrl(pacts, options.baseUrl);
  const producers = options.messages ?? {};
  checkProducers(pacts, producers);
  const verified: PactVerification[] = [];
  for (const pact of pacts) {
    const interactions: InteractionResult[] = [];
    for (const interaction of everyInteraction(pact)) {
      await setUpStates(interaction, options.states);
      const problems =
        interaction.type === 'Asynchronous/Messages'
          ? checkMessage(interaction, await (producers[interaction.description] as MessageProducers[string])())
          : checkResponse(interaction.response, await send(options.baseUrl as string, interaction.request));
      interactions.push({
        description: interaction.description,
        states: (interaction.providerStates ?? []).map((s) => s.name),
        ok: problems.length === 0,
        problems,
      });
    }
    verified.push({
      file: basename(pact.file),
      sha256: pact.sha256,
      consumer: pact.consumer,
      provider: pact.provider,
      interactions,
    });
  }
  return {
    schemaVersion: VERIFICATION_SCHEMA_VERSION,
    provider: options.provider,
    verifiedAt: new Date().toISOString(),
    pacts: verified,
  };
}

/** One line per failing interaction: consumer → provider → interaction: the fields that differ. */
export function verificationFailures(results: VerificationResults): string[] {
  return results.pacts.flatMap((pact) =>
    pact.interactions.filter((i) => !i.ok).map((i) => `${interactionName(pact, i)}: ${i.problems.join('; ')}`),
  );
}

export function writeVerification(workspace: string, results: VerificationResults): string {
  const file = join(workspace, verificationFile(results.provider));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
