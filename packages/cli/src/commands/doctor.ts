import { diagnose, formatDiagnosis } from '@assay/fixtures/node';
import type { Command } from '../main.ts';

export const doctor: Command = {
  name: 'doctor',
  usage: `usage: assay doctor [--json]

Prints which provider each service (postgres, redis) will use and why — container when a Docker
engine answers, embedded otherwise, external when DATABASE_URL / REDIS_URL is set — and what the
others lack. Exit 1 when a service has no provider.`,
  options: { json: { type: 'boolean' } },
  async run(values) {
    const diagnosis = await diagnose();
    console.log(values.json ? JSON.stringify(diagnosis, null, 2) : formatDiagnosis(diagnosis));
    return diagnosis.ok ? 0 : 1;
  },
};
