/** Pact V4 files as this package reads them: the folder of a monorepo's pacts, validated on the way in. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A matching rule as a pact file spells it (`{ "match": "type", "min": 1 }`): each rule reads the fields
 * it needs. It is untrusted input; `matching/rules.ts` reads it into a checked `Matcher`.
 */
export interface MatchingRule {
  readonly match: string;
  /** regex */
  readonly regex?: string;
  /** type */
  readonly min?: number;
  readonly max?: number;
  /** include, contentType */
  readonly value?: unknown;
  /** date, time, timestamp/datetime: a Java DateTimeFormatter pattern. */
  readonly format?: string;
  /** statusCode: `success`, `clientError`, … or a list of codes. */
  readonly status?: string | readonly number[];
  /** arrayContains: the expected elements (by index) each some actual element must match, with its rules. */
  readonly variants?: readonly { readonly index: number; readonly rules?: Rules }[];
  /** eachKey, eachValue: the rules every key or value must satisfy. */
  readonly rules?: readonly MatchingRule[];
}

/** Rules for one path, combined with AND (Pact's default) or OR. */
export interface RuleGroup {
  readonly combine?: string;
  readonly matchers: readonly MatchingRule[];
}

/** Pact's matching rules by JSON path, e.g. `$.lines[*].sku`. */
export type Rules = Readonly<Record<string, RuleGroup>>;

export interface PactBody {
  readonly content?: unknown;
  readonly contentType?: string;
}

export interface PactRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, readonly string[]>>;
  readonly body?: PactBody;
  readonly matchingRules?: { readonly body?: Rules };
}

export interface PactResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, readonly string[]>>;
  readonly body?: PactBody;
  readonly matchingRules?: { readonly body?: Rules };
}

interface InteractionBase {
  readonly description: string;
  readonly providerStates?: readonly { readonly name: string; readonly params?: Record<string, unknown> }[];
}

/** An HTTP request and its response (V4 `Synchronous/HTTP`; a pact of an earlier specification names no type). */
export interface Interaction extends InteractionBase {
  readonly type: 'Synchronous/HTTP';
  readonly request: PactRequest;
  readonly response: PactResponse;
}

/** A message the provider publishes for the consumer (V4 `Asynchronous/Messages`): no request, no transport. */
export interface MessageInteraction extends InteractionBase {
  readonly type: 'Asynchronous/Messages';
  readonly contents: PactBody;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** `body` by JSON path into the contents; `metadata` by metadata key. */
  readonly matchingRules?: { readonly body?: Rules; readonly metadata?: Rules };
}

/** Any interaction this package verifies, told apart by `type`. */
export type PactInteraction = Interaction | MessageInteraction;

export interface Pact {
  /** The file, and its content's hash: a verification counts for exactly this content. */
  readonly file: string;
  readonly sha256: string;
  readonly consumer: string;
  readonly provider: string;
  /** Its HTTP interactions, replayed against the running provider. */
  readonly interactions: readonly Interaction[];
  /** Its asynchronous messages, each made by the provider's producer for it. */
  readonly messages: readonly MessageInteraction[];
}

/** Bad input about contracts: a missing folder, a corrupt pact, an unknown provider state. One line, exit 2. */
export class ContractError extends Error {
  override name = 'ContractError';
  readonly exitCode = 2;
}

export function readPact(file: string): Pact {
  const text = readFileSync(file, 'utf8');
  let data: {
    consumer?: { name?: unknown };
    provider?: { name?: unknown };
    interactions?: unknown;
    metadata?: { pactSpecification?: { version?: string } };
  };
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ContractError(`${file}: not valid JSON (${(error as Error).message.split('\n', 1)[0]})`);
  }
  if (typeof data?.consumer?.name !== 'string' || typeof data.provider?.name !== 'string') {
    throw new ContractError(`${file}: not a pact: it needs consumer.name and provider.name`);
  }
  if (!Array.isArray(data.interactions)) throw new ContractError(`${file}: not a pact: 'interactions' must be a list`);
  const interactions = data.interactions.map((interaction: unknown, index) =>
    validateInteraction(file, interaction, index),
  );
  return {
    file,
    sha256: createHash('sha256').update(text).digest('hex'),
    consumer: data.consumer.name,
    provider: data.provider.name,
    interactions: interactions.filter((i): i is Interaction => i.type === 'Synchronous/HTTP'),
    messages: interactions.filter((i): i is MessageInteraction => i.type === 'Asynchronous/Messages'),
  };
}

/** One interaction, checked for what verifying it needs; a type this package cannot verify is an error, not a gap. */
function validateInteraction(file: string, interaction: unknown, index: number): PactInteraction {
  const found = interaction as { type?: unknown; description?: unknown } | null;
  const type = found?.type ?? 'Synchronous/HTTP';
  if (type === 'Asynchronous/Messages') {
    const message = found as Partial<MessageInteraction>;
    if (typeof message.description !== 'string') {
      throw new ContractError(`${file}: interaction ${index + 1} needs a description`);
    }
    if (typeof message.contents !== 'object' || message.contents === null) {
      throw new ContractError(`${file}: message '${message.description}' needs contents`);
    }
    if (message.metadata !== undefined && (typeof message.metadata !== 'object' || message.metadata === null)) {
      throw new ContractError(`${file}: message '${message.description}' has metadata that is not an object`);
    }
    return message as MessageInteraction;
  }
  if (type !== 'Synchronous/HTTP') {
    throw new ContractError(
      `${file}: interaction ${index + 1} is of type '${String(type)}'; only Synchronous/HTTP and Asynchronous/Messages are verified`,
    );
  }
  const http = found as Partial<Interaction>;
  if (typeof http.description !== 'string' || typeof http.request?.method !== 'string') {
    throw new ContractError(
      `${file}: interaction ${index + 1} needs a description and a request with a method and path`,
    );
  }
  if (typeof http.response?.status !== 'number') {
    throw new ContractError(`${file}: interaction '${http.description}' needs a response status`);
  }
  return { ...http, type } as Interaction;
}

/** Every pact in the folder (its *.json files), sorted by file name. */
export function readPacts(dir: string): Pact[] {
  if (!existsSync(dir)) {
    throw new ContractError(`no pacts folder at ${dir}: run the consumer tests first (they write their pacts there)`);
  }
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readPact(join(dir, name)));
}

/** A pact's HTTP interactions, then its messages: everything a verification covers. */
export function everyInteraction(pact: Pick<Pact, 'interactions' | 'messages'>): PactInteraction[] {
  return [...pact.interactions, ...pact.messages];
}

/** `storefront → orders-api → 'a new order'`: how reports name an interaction. */
export function interactionName(
  pact: Pick<Pact, 'consumer' | 'provider'>,
  interaction: Pick<Interaction, 'description'>,
): string {
  return `${pact.consumer} → ${pact.provider} → '${interaction.description}'`;
}
