/**
 * Contract fuzzing, beyond Pact: the request of an interaction becomes a fast-check arbitrary — its
 * shape from the pact's example, its freedom from the pact's matchers (a `type` string any string,
 * an `integer` any integer, a `regex` any matching string, an array from its `min`) — and every
 * generated request (the pact's own example first) goes to the provider, whose answer must be one
 * the contract describes for that method and path. A failure is shrunk to a minimal request.
 * Generated requests never go into a pact file.
 */
import fc from 'fast-check';
import { checkResponse, ruleAt } from './matching.ts';
import { type Interaction, interactionName, type Pact, type Rules } from './pact-file.ts';
import { type StateHandlers, send, setUpStates } from './verify.ts';

/** An arbitrary of values the example and rules at `path` allow. */
export function arbitraryFor(example: unknown, rules: Rules | undefined, path = '$'): fc.Arbitrary<unknown> {
  const matcher = ruleAt(rules, path)?.matchers[0];
  if (matcher?.match === 'regex') return fc.stringMatching(new RegExp(matcher.regex ?? ''));
  if (matcher?.match === 'integer') return fc.integer();
  if (matcher?.match === 'decimal' || matcher?.match === 'number')
    return fc.double({ noNaN: true, noDefaultInfinity: true });
  if (matcher?.match === 'boolean') return fc.boolean();
  if (matcher?.match === 'type') {
    if (Array.isArray(example)) {
      const element = example.length > 0 ? arbitraryFor(example[0], rules, `${path}[*]`) : fc.constant(null);
      return fc.array(element, {
        minLength: matcher.min ?? 0,
        maxLength: matcher.max ?? Math.max(5, matcher.min ?? 0),
      });
    }
    // Medium sizes: long values are where providers break (column widths, buffers).
    if (typeof example === 'string') return fc.string({ maxLength: 64, size: 'medium' });
    if (typeof example === 'number') return Number.isInteger(example) ? fc.integer() : fc.double({ noNaN: true });
    if (typeof example === 'boolean') return fc.boolean();
  }
  // No rule (or a container's type rule): the structure is fixed, its parts vary as their rules say.
  if (Array.isArray(example)) return fc.tuple(...example.map((e, i) => arbitraryFor(e, rules, `${path}[${i}]`)));
  if (example !== null && typeof example === 'object') {
    return fc.record(
      Object.fromEntries(
        Object.entries(example).map(([key, value]) => [key, arbitraryFor(value, rules, `${path}.${key}`)]),
      ),
    );
  }
  return fc.constant(example);
}

export interface FuzzFailure {
  /** The shrunk request body. */
  readonly body: unknown;
  readonly problems: readonly string[];
  readonly seed: number;
  readonly shrinks: number;
}

export interface FuzzReport {
  readonly interaction: string;
  readonly runs: number;
  readonly failure: FuzzFailure | null;
}

class ContractViolation extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('; '));
    this.problems = problems;
  }
}

/** The interactions whose response may answer a request to this method and path. */
function answersFor(pact: Pact, interaction: Interaction): Interaction[] {
  return pact.interactions.filter(
    (other) => other.request.method === interaction.request.method && other.request.path === interaction.request.path,
  );
}

export async function fuzzInteraction(options: {
  readonly pact: Pact;
  readonly interaction: Interaction;
  readonly baseUrl: string;
  readonly states: StateHandlers;
  readonly numRuns?: number;
  readonly seed?: number;
}): Promise<FuzzReport> {
  const { pact, interaction } = options;
  const example = interaction.request.body?.content;
  const answers = answersFor(pact, interaction);
  const details = await fc.check(
    fc.asyncProperty(arbitraryFor(example, interaction.request.matchingRules?.body), async (body) => {
      await setUpStates(interaction, options.states);
      const answer = await send(options.baseUrl, interaction.request, body);
      if (answers.some((candidate) => checkResponse(candidate.response, answer).length === 0)) return;
      throw new ContractViolation([
        `${interaction.request.method} ${interaction.request.path} answered ${answer.status}, which the contract does not describe: ${checkResponse(interaction.response, answer).join('; ')}`,
      ]);
    }),
    {
      numRuns: options.numRuns ?? 100,
      examples: example === undefined ? [] : [[example]],
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    },
  );
  return {
    interaction: interactionName(pact, interaction),
    runs: details.numRuns,
    failure:
      details.failed && details.counterexample
        ? {
            body: details.counterexample[0],
            // A violation names its fields; anything else (the provider unreachable, say) is its own message.
            problems:
              details.errorInstance instanceof ContractViolation
                ? details.errorInstance.problems
                : [String((details.errorInstance as Error | null)?.message ?? details.errorInstance)],
            seed: details.seed,
            shrinks: details.numShrinks,
          }
        : null,
  };
}

export function formatFuzzFailure(report: FuzzReport): string {
  if (!report.failure)
    return `${report.interaction}: ${report.runs} generated requests, all answered as the contract says`;
  return `${report.interaction}: a generated request broke the contract (seed ${report.failure.seed}, shrunk ${report.failure.shrinks} times)\n  shrunk request body: ${JSON.stringify(report.failure.body)}\n  ${report.failure.problems.join('\n  ')}`;
}
