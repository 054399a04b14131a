import { join, resolve } from 'node:path';
import { CONTRACT_REPORT_FILE, canIDeploy, verificationFiles, writeDeployCheck } from '@assay/contract';
import { listWorkspaces } from '@assay/tiers';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';

export const contract: Command = {
  name: 'contract',
  positionals: true,
  usage: `usage: assay contract verify [--pacts DIR] [--json]

Offline can-i-deploy, at the monorepo root after a tier run: every pact in pacts/ (or --pacts)
must have been verified by its provider's tests for exactly its current content, with every
interaction, HTTP or message, passing (each provider workspace's .vitest/assay/contracts.*.json).
Exit 1 otherwise, listing consumer → provider → interaction. The result (schemaVersion 1) goes to ${CONTRACT_REPORT_FILE},
which the insights dashboard shows.`,
  options: { pacts: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals) {
    if (positionals[0] !== 'verify' || positionals.length > 1) {
      throw new UsageError(`expected 'assay contract verify', got 'assay contract ${positionals.join(' ')}'`);
    }
    const root = process.cwd();
    // An absolute --pacts is taken as given, a relative one from the working directory.
    const pactsDir = resolve(root, typeof values.pacts === 'string' ? values.pacts : 'pacts');
    const workspaces = await listWorkspaces(root);
    const check = canIDeploy(
      pactsDir,
      workspaces.flatMap((w) => verificationFiles(join(root, w.path))),
    );
    writeDeployCheck(join(root, CONTRACT_REPORT_FILE), check);
    if (values.json) console.log(JSON.stringify(check, null, 2));
    else {
      for (const pact of check.pacts) {
        console.log(
          `${pact.status.padEnd(10)} ${pact.consumer} → ${pact.provider} (${pact.interactions.length} interactions, ${pact.file})`,
        );
      }
      for (const problem of check.problems) console.log(`  ${problem}`);
      console.log(
        check.ok ? 'contracts: every pact verified' : `contracts: ${check.problems.length} interactions not verified`,
      );
    }
    return check.ok ? 0 : 1;
  },
};
