import { diagnose, formatDiagnosis, resolveConfig } from '@assay/fixtures/node';
import { loadRepoConfig } from '@assay/tiers/config';
import type { Command } from '../main.ts';

export const doctor: Command = {
  name: 'doctor',
  usage: `usage: assay doctor [--json]

Prints which provider each service (postgres, redis) will use and why — container when a Docker
engine answers, embedded otherwise, external when DATABASE_URL / REDIS_URL is set — and what the
others lack. Exit 1 when a service has no provider.`,
  options: { json: { type: 'boolean' } },
  async run(values) {
    // The images the repository configures (assay.config.ts), as its test runs get them.
    const services = (await loadRepoConfig(process.cwd())).services ?? {};
    const diagnosis = await diagnose(resolveConfig({ ...services }));
    console.log(values.json ? JSON.stringify(diagnosis, null, 2) : formatDiagnosis(diagnosis));
    return diagnosis.ok ? 0 : 1;
  },
};
