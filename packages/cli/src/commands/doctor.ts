import {
  diagnose,
  FixturesConfigError,
  formatDiagnosis,
  isServiceKind,
  resolveConfig,
  SERVICE_KINDS,
} from '@assay/fixtures/node';
import { findRepoConfig, loadRepoConfig } from '@assay/tiers/config';
import type { Command } from '../main.ts';

export const doctor: Command = {
  name: 'doctor',
  usage: `usage: assay doctor [--json]

Prints which provider each service (postgres, redis, mariadb) will use and why — container when a
Docker engine answers, embedded otherwise, external when its URL (DATABASE_URL, REDIS_URL,
MARIADB_URL) is set — and what the others lack. Exit 1 when a service has no provider, 2 when
assay.config.ts names a service the fixtures do not know.`,
  options: { json: { type: 'boolean' } },
  async run(values) {
    // The images the repository configures (assay.config.ts), as its test runs get them.
    const services = (await loadRepoConfig(process.cwd())).services ?? {};
    const unknown = Object.keys(services).find((name) => !isServiceKind(name));
    if (unknown !== undefined) {
      throw new FixturesConfigError(
        `${findRepoConfig(process.cwd())}: unknown service 'services.${unknown}': expected one of ${SERVICE_KINDS.join(', ')}`,
      );
    }
    const diagnosis = await diagnose(resolveConfig(services));
    console.log(values.json ? JSON.stringify(diagnosis, null, 2) : formatDiagnosis(diagnosis));
    return diagnosis.ok ? 0 : 1;
  },
};
