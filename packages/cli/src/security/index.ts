/**
 * The security stage of a monorepo: an audit of its production dependencies against the registry's
 * advisories, a secret scan of its files, a licence allow-list over its production dependencies, and
 * a CycloneDX SBOM. `assay security` is a thin layer over `runSecurity`.
 */
import type { AuditLevel } from '@assay/tiers/config';
import { auditDependencies } from './audit.ts';
import { CHECKS, type CheckName, type Finding } from './findings.ts';
import { checkLicences } from './licenses.ts';
import { writeSbom } from './sbom.ts';
import { scanSecrets } from './secrets.ts';

export { DEFAULT_AUDIT_LEVEL, parseAudit, readAudit } from './audit.ts';
export { CHECKS, type CheckName, type Finding, formatFinding } from './findings.ts';
export { licenceAllowed, readLicences } from './licenses.ts';
export { SBOM_FILE, writeSbom } from './sbom.ts';
export { scanSecrets } from './secrets.ts';

export interface SecurityOptions {
  /** The monorepo's root folder. */
  readonly root: string;
  /** The checks to run; they report in CHECKS' order. */
  readonly checks: readonly CheckName[];
  /** The lowest advisory severity that counts. */
  readonly audit: AuditLevel;
  /** The licences production dependencies may use (SPDX ids). */
  readonly allow: readonly string[];
  /** In CI an audit service out of reach is a problem; on a workstation, only a line. */
  readonly ci: boolean;
}

export interface SecurityResult {
  readonly checks: readonly CheckName[];
  readonly findings: readonly Finding[];
  /** The findings that fail the stage. */
  readonly problems: number;
}

/** Runs the chosen checks side by side; resolves with every finding, in the checks' order. */
export async function runSecurity(options: SecurityOptions): Promise<SecurityResult> {
  const { root } = options;
  const checks = CHECKS.filter((check) => options.checks.includes(check));
  const runners: Readonly<Record<CheckName, () => Promise<Finding[]>>> = {
    audit: () => auditDependencies(root, options.audit, options.ci),
    secrets: () => scanSecrets(root),
    licenses: () => checkLicences(root, options.allow),
    sbom: async () => [await writeSbom(root)],
  };
  const findings = (await Promise.all(checks.map((check) => runners[check]()))).flat();
  return { checks, findings, problems: findings.filter((finding) => finding.problem).length };
}
