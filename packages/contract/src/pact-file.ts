/** Pact V4 files as this package reads them: the folder of a monorepo's pacts, validated on the way in. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MatchingRule {
  readonly match: string;
  readonly regex?: string;
  readonly min?: number;
  readonly max?: number;
  readonly value?: unknown;
}

/** Pact's matching rules by JSON path, e.g. `$.lines[*].sku`. */
export type Rules = Readonly<Record<string, { readonly combine?: string; readonly matchers: readonly MatchingRule[] }>>;

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

export interface Interaction {
  readonly description: string;
  readonly providerStates?: readonly { readonly name: string; readonly params?: Record<string, unknown> }[];
  readonly request: PactRequest;
  readonly response: PactResponse;
}

export interface Pact {
  /** The file, and its content's hash: a verification counts for exactly this content. */
  readonly file: string;
  readonly sha256: string;
  readonly consumer: string;
  readonly provider: string;
  readonly interactions: readonly Interaction[];
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
  data.interactions.forEach((interaction: Partial<Interaction>, index) => {
    if (typeof interaction?.description !== 'string' || typeof interaction.request?.method !== 'string') {
      throw new ContractError(
        `${file}: interaction ${index + 1} needs a description and a request with a method and path`,
      );
    }
    if (typeof interaction.response?.status !== 'number') {
      throw new ContractError(`${file}: interaction '${interaction.description}' needs a response status`);
    }
  });
  return {
    file,
    sha256: createHash('sha256').update(text).digest('hex'),
    consumer: data.consumer.name,
    provider: data.provider.name,
    interactions: data.interactions as Interaction[],
  };
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

/** `storefront → orders-api → 'a new order'`: how reports name an interaction. */
export function interactionName(
  pact: Pick<Pact, 'consumer' | 'provider'>,
  interaction: Pick<Interaction, 'description'>,
): string {
  return `${pact.consumer} → ${pact.provider} → '${interaction.description}'`;
}
