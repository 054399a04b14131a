/**
 * Contract fuzzing, beyond Pact: the request of an interaction becomes a fast-check arbitrary — its
 * shape from the pact's example, its freedom from the pact's matchers (fuzz/arbitraries.ts) — and every
 * generated request (the pact's own example first) goes to the provider, whose answer must be one
 * the contract describes for that method and path. A failure is shrunk to a minimal request.
 * Generated requests never go into a pact file.
 */
import fc from 'fast-check';
import { arbitraryFor } from './fuzz/arbitraries.ts';
import { checkResponse } from './matching.ts';
import { type Interaction, interactionName, type Pact } from './pact-file.ts';
import { type StateHandlers, send, setUpStates } from './verify.ts';

export { arbitraryFor };

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
