import { type Finding, failure } from './findings.ts';
import { errorLine, run } from './run.ts';

/**
 * Whether a package's licence field is allowed: an id on the list (SPDX ids compare without case),
 * or an SPDX expression — `A OR B` when either is, `A AND B` when both are, `A WITH exception` when
 * A is (an exception only adds permissions). Anything unparsable is not allowed, unless listed as is.
 */
export function licenceAllowed(expression: string, allow: readonly string[]): boolean {
  const allowed = new Set(allow.map((id) => id.toLowerCase()));
  if (allowed.has(expression.trim().toLowerCase())) return true;
  const tokens = expression.match(/[()]|[^\s()]+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at]?.toUpperCase();
  const next = () => {
    const token = tokens[at++];
    if (token === undefined || ['(', ')', 'AND', 'OR', 'WITH'].includes(token.toUpperCase())) {
      throw new SyntaxError(`unexpected ${token ?? 'end'} in ${expression}`);
    }
    return token;
  };
  // Each operand is evaluated before the value so far is combined: every token is read.
  const term = (): boolean => {
    if (peek() === '(') {
      at++;
      const value = anyOf();
      if (peek() !== ')') throw new SyntaxError(`unclosed ( in ${expression}`);
      at++;
      return value;
    }
    const id = next();
    if (peek() !== 'WITH') return allowed.has(id.toLowerCase());
    at++;
    const exception = next();
    return allowed.has(id.toLowerCase()) || allowed.has(`${id} WITH ${exception}`.toLowerCase());
  };
  const allOf = (): boolean => {
    let value = term();
    while (peek() === 'AND') {
      at++;
      value = term() && value;
    }
    return value;
  };
  const anyOf = (): boolean => {
    let value = allOf();
    while (peek() === 'OR') {
      at++;
      value = allOf() || value;
    }
    return value;
  };
  try {
    const value = anyOf();
    return at === tokens.length && value;
  } catch {
    return false;
  }
}

/** `pnpm licenses list --json`: packages by their licence field. */
type LicenceList = Readonly<Record<string, readonly { readonly name: string; readonly versions: readonly string[] }[]>>;

/** Each package version in a `pnpm licenses list --json` whose licence the allow-list does not allow. */
export function readLicences(json: string, allow: readonly string[]): Finding[] {
  return Object.entries(JSON.parse(json) as LicenceList)
    .filter(([licence]) => !licenceAllowed(licence, allow))
    .flatMap(([licence, packages]) =>
      packages.flatMap((p) =>
        p.versions.map((version) => ({
          check: 'licenses' as const,
          problem: true,
          kind: 'licence' as const,
          package: p.name,
          version,
          licence,
        })),
      ),
    );
}

/** Checks the licences of every workspace's production dependencies against the allow-list. */
export async function checkLicences(root: string, allow: readonly string[]): Promise<Finding[]> {
  const ran = await run('pnpm', ['-r', 'licenses', 'list', '--json', '--prod'], root);
  if (ran.code !== 0) return [failure('licenses', `pnpm licenses list failed: ${errorLine(ran)}`)];
  return readLicences(ran.stdout, allow);
}
