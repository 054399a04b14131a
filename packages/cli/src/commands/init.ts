import { applyInit, type InitChange, planInit } from '@assay/tiers';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';

const VERBS: Readonly<Record<InitChange['action'], [done: string, planned: string]>> = {
  create: ['created', 'would create'],
  update: ['updated', 'would update'],
  replace: ['replaced', 'would replace'],
  differs: ['left as it is', 'would leave as it is'],
  ok: ['up to date', 'up to date'],
};

function line(change: InitChange, planned: boolean): string {
  const verb = VERBS[change.action][planned ? 1 : 0];
  return `  ${verb.padEnd(21)} ${change.path}${change.detail ? `  (${change.detail})` : ''}`;
}

export const init: Command = {
  name: 'init',
  usage: `usage: assay init [--dry-run] [--check] [--force]

Adds what Assay needs to the pnpm + turbo monorepo in the working directory and prints what it did:
assay.config.ts, quarantine.yaml, a test:<tier> turbo task per tier and every workspace's
scripts, a Vitest config using Assay's preset and an empty requirements.yaml per workspace, the
traceability script, .gitignore lines and the three CI workflows. Run it again at any time: it adds
only what is missing, and never changes a file or key of yours that differs unless --force.

  --dry-run   print what it would do, write nothing
  --check     write nothing; exit 1 when something is missing or differs (for CI)
  --force     replace files and keys that differ from what Assay writes`,
  options: { 'dry-run': { type: 'boolean' }, check: { type: 'boolean' }, force: { type: 'boolean' } },
  async run(values) {
    const check = values.check === true;
    if (check && values.force) throw new UsageError('--check writes nothing, so --force has no meaning with it');
    const planned = check || values['dry-run'] === true;
    const plan = await planInit(process.cwd(), { force: values.force === true });
    const pending = plan.filter((change) => change.action !== 'ok');
    for (const change of check ? pending : plan) console.log(line(change, planned));
    if (!planned) applyInit(process.cwd(), plan);
    const count = (action: InitChange['action']) => plan.filter((change) => change.action === action).length;
    const totals = (['create', 'update', 'replace', 'differs', 'ok'] as const)
      .map((action) => `${count(action)} ${VERBS[action][planned ? 1 : 0]}`)
      .join(', ');
    const advice = count('differs') > 0 ? '; --force replaces what differs' : '';
    console.log(`assay init: ${totals}${advice}${planned ? ' — nothing written' : ''}`);
    return check && pending.length > 0 ? 1 : 0;
  },
};
