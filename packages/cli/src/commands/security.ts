import { isCI } from '@assay/guard';
import { repoRoot } from '@assay/insights';
import { DEFAULT_ALLOWED_LICENCES, loadRepoConfig } from '@assay/tiers/config';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';
import {
  CHECKS,
  type CheckName,
  DEFAULT_AUDIT_LEVEL,
  formatFinding,
  runSecurity,
  SBOM_FILE,
} from '../security/index.ts';

/** --only, repeatable: the checks to run; all of them without it. */
function readChecks(value: unknown): CheckName[] {
  if (!Array.isArray(value)) return [...CHECKS];
  return value.map((check) => {
    if (!(CHECKS as readonly unknown[]).includes(check)) {
      throw new UsageError(`invalid --only '${String(check)}': expected one of ${CHECKS.join(', ')}`);
    }
    return check as CheckName;
  });
}

export const security: Command = {
  name: 'security',
  usage: `usage: assay security [--only audit|secrets|licenses|sbom]… [--json]

The security stage, from the repository root; one line per finding, then the count of problems:
  audit     pnpm audit of the production dependencies: advisories at or above assay.config.ts
            security.audit (default high). An audit service out of reach is one line, a problem
            only in CI (CI=true).
  secrets   secretlint's recommended rules over the tracked and untracked-but-not-ignored files.
  licenses  every production dependency's licence against security.licenses.allow (SPDX ids;
            default MIT, ISC, Apache-2.0, BSD-2-Clause, BSD-3-Clause, 0BSD, BlueOak-1.0.0, CC0-1.0,
            Unlicense, Python-2.0, CC-BY-4.0).
  sbom      a CycloneDX SBOM of the production dependencies, written to ${SBOM_FILE}.
Exit 1 when there is a problem; --json prints the findings (schemaVersion 1).`,
  options: { only: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  async run(values) {
    const checks = readChecks(values.only);
    const root = repoRoot();
    const settings = (await loadRepoConfig(root)).security;
    const result = await runSecurity({
      root,
      checks,
      audit: settings?.audit ?? DEFAULT_AUDIT_LEVEL,
      allow: settings?.licenses?.allow ?? DEFAULT_ALLOWED_LICENCES,
      ci: isCI(),
    });
    if (values.json) console.log(JSON.stringify({ schemaVersion: 1, ...result }, null, 2));
    else {
      for (const finding of result.findings) console.log(formatFinding(finding));
      console.log(`assay security: ${result.problems} problem${result.problems === 1 ? '' : 's'}`);
    }
    return result.problems > 0 ? 1 : 0;
  },
};
