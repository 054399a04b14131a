import { AUDIT_LEVELS, type AuditLevel } from '@assay/tiers/config';
import { type Finding, failure } from './findings.ts';
import { errorLine, type Ran, run } from './run.ts';

export const DEFAULT_AUDIT_LEVEL: AuditLevel = 'high';

/** The part of `pnpm audit --json`'s report (npm's audit format) the check reads. */
interface AuditReport {
  readonly advisories?: Readonly<
    Record<
      string,
      {
        readonly module_name: string;
        readonly severity: string;
        readonly title: string;
        readonly url: string;
        readonly vulnerable_versions?: string;
        readonly findings?: readonly { readonly version: string }[];
      }
    >
  >;
}

// pnpm's word for a failed request to the audit endpoint (a refused connection, a DNS failure, or an
// HTTP error such as the 405 of a registry without the endpoint), and Node's network error codes.
const UNREACHABLE = /ERR_PNPM_AUDIT_BAD_RESPONSE|\bE(?:NOTFOUND|CONNREFUSED|CONNRESET|TIMEDOUT|AI_AGAIN|NETUNREACH)\b/;

/** Severity's rank: `info`, which pnpm also reports, ranks below every level. */
const rank = (severity: string) => AUDIT_LEVELS.indexOf(severity as AuditLevel);

/** The advisories of a `pnpm audit --json` report at or above `level`, most severe first. */
export function parseAudit(json: string, level: AuditLevel): Finding[] {
  const report = JSON.parse(json) as AuditReport;
  return Object.values(report.advisories ?? {})
    .filter((a) => rank(a.severity) >= rank(level))
    .sort((a, b) => rank(b.severity) - rank(a.severity) || a.module_name.localeCompare(b.module_name))
    .flatMap((a) => {
      const versions = [...new Set((a.findings ?? []).map((f) => f.version))];
      return (versions.length > 0 ? versions : [a.vulnerable_versions ?? 'unknown']).map((version) => ({
        check: 'audit' as const,
        problem: true,
        kind: 'advisory' as const,
        package: a.module_name,
        version,
        severity: a.severity,
        title: a.title,
        url: a.url,
      }));
    });
}

/** Why the audit service did not answer, shortly: the HTTP status, else the innermost cause pnpm names. */
function unreachableReason(stderr: string): string {
  const status = /responded with (\d{3})/.exec(stderr);
  if (status) return `HTTP ${status[1]}`;
  const causes = [...stderr.matchAll(/[╰├]─▶ (.+)/g)];
  return causes.at(-1)?.[1]?.trim() ?? UNREACHABLE.exec(stderr)?.[0] ?? 'no answer';
}

/**
 * What `pnpm audit` said: its advisories; or, when the registry's audit service could not be reached,
 * one line — a problem only in CI, so that a workstation offline can still run the other checks.
 */
export function readAudit(ran: Ran, level: AuditLevel, ci: boolean): Finding[] {
  // pnpm exits 1 when it finds advisories, with its report on stdout.
  if (ran.stdout.trim().startsWith('{')) return parseAudit(ran.stdout, level);
  if (UNREACHABLE.test(ran.stderr)) {
    return [{ check: 'audit', problem: ci, kind: 'audit-unreachable', reason: unreachableReason(ran.stderr) }];
  }
  return [failure('audit', `pnpm audit failed: ${errorLine(ran)}`)];
}

/** Audits the production dependencies of the monorepo at `root` against the registry's advisories. */
export async function auditDependencies(root: string, level: AuditLevel, ci: boolean): Promise<Finding[]> {
  return readAudit(await run('pnpm', ['audit', '--prod', '--json', '--audit-level', level], root), level, ci);
}
