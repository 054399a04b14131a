/** The security stage's checks, in the order they report. */
export const CHECKS = ['audit', 'secrets', 'licenses', 'sbom'] as const;
export type CheckName = (typeof CHECKS)[number];

/** Each finding counts as a problem (exit 1) or only informs, as the SBOM's line does. */
interface Base<C extends CheckName> {
  readonly check: C;
  readonly problem: boolean;
}

export type Finding =
  | (Base<'audit'> & {
      readonly kind: 'advisory';
      readonly package: string;
      readonly version: string;
      readonly severity: string;
      readonly title: string;
      readonly url: string;
    })
  | (Base<'audit'> & { readonly kind: 'audit-unreachable'; readonly reason: string })
  | (Base<'secrets'> & {
      readonly kind: 'secret';
      readonly file: string;
      readonly line: number;
      readonly rule: string;
      /** The rule's message, the secret masked. */
      readonly message: string;
    })
  | (Base<'licenses'> & {
      readonly kind: 'licence';
      readonly package: string;
      readonly version: string;
      readonly licence: string;
    })
  | (Base<'sbom'> & { readonly kind: 'sbom'; readonly file: string; readonly components: number })
  /** A tool that failed (not a git repository, pnpm's error): the check could not run. */
  | (Base<CheckName> & { readonly kind: 'failure'; readonly message: string });

const PREFIX: Readonly<Record<CheckName, string>> = {
  audit: 'audit',
  secrets: 'secret',
  licenses: 'licence',
  sbom: 'sbom',
};

export function failure(check: CheckName, message: string): Finding {
  return { check, problem: true, kind: 'failure', message };
}

/** A finding as its one line of `assay security`'s output. */
export function formatFinding(finding: Finding): string {
  switch (finding.kind) {
    case 'advisory':
      return `audit: ${finding.package}@${finding.version}: ${finding.severity} ${finding.title} (${finding.url})`;
    case 'audit-unreachable':
      return `audit: the registry's audit service could not be reached (${finding.reason}): dependencies not audited`;
    case 'secret':
      return `secret: ${finding.file}:${finding.line}: ${finding.message}`;
    case 'licence':
      return `licence: ${finding.package}@${finding.version}: ${finding.licence} is not on the allow-list`;
    case 'sbom':
      return `sbom: ${finding.components} components in ${finding.file}`;
    case 'failure':
      return `${PREFIX[finding.check]}: ${finding.message}`;
  }
}
