/**
 * Provider verification with structured results: every interaction of every pact for a provider is
 * replayed against the running provider (its provider states set up first) and its response checked
 * against the contract (matching.ts). The results go to the provider workspace's
 * `.vitest/assay/contracts.json` (schemaVersion 1), for `assay contract verify`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkResponse } from './matching.ts';
import {
  ContractError,
  type Interaction,
  interactionName,
  type Pact,
  type PactRequest,
  readPacts,
} from './pact-file.ts';

export const VERIFICATION_FILE = '.vitest/assay/contracts.json';
export const VERIFICATION_SCHEMA_VERSION = 1;

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
    for (const interaction of pact.interactions) {
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

export async function setUpStates(interaction: Interaction, states: StateHandlers): Promise<void> {
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
  return { status: response.status, contentType: response.headers.get('content-type'), body: parsed };
}

export async function verifyPacts(options: {
  readonly provider: string;
  readonly baseUrl: string;
  readonly pactsDir: string;
  readonly states: StateHandlers;
}): Promise<VerificationResults> {
  const pacts = pactsFor(options.provider, options.pactsDir);
  checkStates(pacts, options.states);
  const verified: PactVerification[] = [];
  for (const pact of pacts) {
    const interactions: InteractionResult[] = [];
    for (const interaction of pact.interactions) {
      await setUpStates(interaction, options.states);
      const problems = checkResponse(interaction.response, await send(options.baseUrl, interaction.request));
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
  const file = join(workspace, VERIFICATION_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
