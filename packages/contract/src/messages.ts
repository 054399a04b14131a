/**
 * Message pacts (V4 `Asynchronous/Messages`): a provider verifies a message by producing it — with
 * the same code that publishes it — and the produced contents and metadata are checked against the
 * contract. There is no broker or queue in between: a message pact is about the payload only.
 */

import { mediaTypeMatches, show } from './matching/json.ts';
import { formatPath } from './matching/paths.ts';
import { checkBody } from './matching.ts';
import { ContractError, interactionName, type MessageInteraction, type Pact, type Rules } from './pact-file.ts';

/** A message as the provider would publish it: its contents (parsed JSON) and its metadata. */
export interface ProducedMessage {
  readonly contents: unknown;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Produces the message a pact describes, its provider states set up first (pact-js's `messageProviders`). */
export type MessageProducer = () => Promise<ProducedMessage> | ProducedMessage;

/** The provider's message producers, by the description of the message each one makes. */
export type MessageProducers = Readonly<Record<string, MessageProducer>>;

/** Every message the pacts describe must have a producer: a missing one is a one-line error before anything runs. */
export function checkProducers(pacts: readonly Pact[], producers: MessageProducers): void {
  for (const pact of pacts) {
    for (const message of pact.messages) {
      if (!(message.description in producers)) {
        throw new ContractError(
          `${interactionName(pact, message)} is a message ${pact.provider} has no producer for (it has: ${Object.keys(producers).join(', ') || 'none'})`,
        );
      }
    }
  }
}

/** Metadata rules are keyed by name; as JSON paths into the metadata object, the body matcher applies them. */
function metadataRules(rules: Rules | undefined): Rules {
  return Object.fromEntries(Object.entries(rules ?? {}).map(([key, rule]) => [formatPath([key]), rule]));
}

const isContentType = (key: string) => /^content-?type$/i.test(key);

/**
 * The message's content type in its metadata, as Pact checks it: none produced is fine (the contents
 * say what they are); one produced is compared by media type, parameters only where the contract names them.
 */
function contentTypeProblem(key: string, expected: unknown, metadata: Readonly<Record<string, string>>) {
  const found = Object.entries(metadata).find(([name]) => isContentType(name));
  if (!found) return [];
  const [name, actual] = found;
  return typeof expected === 'string' && mediaTypeMatches(expected, actual)
    ? []
    : [`metadata ${formatPath([name])}: expected the media type ${show(expected)} (as ${key}), got ${show(actual)}`];
}

/** The problems of a produced message against the contract's: its contents, then its metadata. */
export function checkMessage(expected: MessageInteraction, actual: ProducedMessage): string[] {
  const problems =
    expected.contents.content === undefined
      ? []
      : checkBody(expected.contents.content, actual.contents, expected.matchingRules?.body);
  if (expected.metadata) {
    const rules = expected.matchingRules?.metadata ?? {};
    const produced = actual.metadata ?? {};
    const entries = Object.entries(expected.metadata);
    // A content type without a rule of its own is a media type; any other key, by its rules or its value.
    const contentType = entries.filter(([key]) => isContentType(key) && !(key in rules));
    const others = Object.fromEntries(entries.filter(([key]) => !contentType.some(([k]) => k === key)));
    const metadata = checkBody(others, produced, metadataRules(rules));
    problems.push(
      ...contentType.flatMap(([key, value]) => contentTypeProblem(key, value, produced)),
      ...metadata.map((problem) => `metadata ${problem}`),
    );
  }
  return problems;
}
