/**
 * Offline can-i-deploy for a monorepo: every pact in the pacts folder must have been verified, with
 * every interaction passing (HTTP interactions and messages alike), by its provider's last run — for
 * exactly this pact content (its hash), so a pact changed since the verification counts as
 * unverified. The check (schemaVersion 1) is written to `.assay/reports/contracts.json`, where the
 * insights dashboard shows it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ContractError, everyInteraction, interactionName, type PactInteraction, readPacts } from './pact-file.ts';
import { VERIFICATION_SCHEMA_VERSION, type VerificationResults } from './verify.ts';

export const CONTRACT_REPORT_FILE = '.assay/reports/contracts.json';

export type PactStatus = 'verified' | 'failing' | 'unverified';

export interface DeployCheck {
  readonly schemaVersion: 1;
  readonly checkedAt: string;
  readonly ok: boolean;
  readonly pacts: readonly {
    readonly file: string;
    readonly consumer: string;
    readonly provider: string;
    readonly status: PactStatus;
    readonly interactions: readonly {
      readonly description: string;
      readonly type: PactInteraction['type'];
      readonly status: PactStatus;
      readonly problems: readonly string[];
    }[];
  }[];
  /** One line per interaction that is not verified and passing. */
  readonly problems: readonly string[];
}

function readVerification(file: string): VerificationResults {
  try {
    const results = JSON.parse(readFileSync(file, 'utf8')) as VerificationResults;
    if (
      results.schemaVersion !== VERIFICATION_SCHEMA_VERSION ||
      !Array.isArray(results.pacts) ||
      typeof results.verifiedAt !== 'string'
    )
      throw new Error('schema');
    return results;
  } catch {
    throw new ContractError(`${file}: not a verification result of schema version ${VERIFICATION_SCHEMA_VERSION}`);
  }
}

export function canIDeploy(pactsDir: string, verificationFiles: readonly string[]): DeployCheck {
  const pacts = readPacts(pactsDir);
  // Newest first: when two runs verified the same content (a provider's file renamed, say), the last one counts.
  const verifications = verificationFiles
    .filter((f) => existsSync(f))
    .map(readVerification)
    .sort((a, b) => b.verifiedAt.localeCompare(a.verifiedAt))
    .flatMap((results) => results.pacts);
  const problems: string[] = [];
  const checked = pacts.map((pact) => {
    const verification = verifications.find((v) => v.file === basename(pact.file) && v.sha256 === pact.sha256);
    const interactions = everyInteraction(pact).map((interaction) => {
      const result = verification?.interactions.find((i) => i.description === interaction.description);
      const status: PactStatus = !result ? 'unverified' : result.ok ? 'verified' : 'failing';
      if (status === 'unverified') {
        problems.push(
          `${interactionName(pact, interaction)}: not verified for this pact's content (run ${pact.provider}'s tests)`,
        );
      } else if (status === 'failing') {
        problems.push(`${interactionName(pact, interaction)}: failing: ${result?.problems.join('; ')}`);
      }
      return {
        description: interaction.description,
        type: interaction.type,
        status,
        problems: result?.problems ?? [],
      };
    });
    const status: PactStatus = interactions.every((i) => i.status === 'verified')
      ? 'verified'
      : interactions.some((i) => i.status === 'failing')
        ? 'failing'
        : 'unverified';
    return { file: basename(pact.file), consumer: pact.consumer, provider: pact.provider, status, interactions };
  });
  return { schemaVersion: 1, checkedAt: new Date().toISOString(), ok: problems.length === 0, pacts: checked, problems };
}

export function writeDeployCheck(file: string, check: DeployCheck): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(check, null, 2)}\n`);
}
