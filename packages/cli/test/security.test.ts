/**
 * @module-tag integration
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ALLOWED_LICENCES, loadRepoConfig } from '@assay/tiers/config';
import { req } from '@assay/trace';
import { describe, expect, test, vi } from 'vitest';
import {
  formatFinding,
  licenceAllowed,
  parseAudit,
  readAudit,
  runSecurity,
  scanSecrets,
  writeSbom,
} from '../src/security/index.ts';
import { assay, folder } from './support/cli.ts';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

// Fake secrets, put together at run time so that this file holds none: the repository's own scan stays clean.
const AWS_SECRET = ['wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYQ1r7s9Pk2a'].join('');
const PRIVATE_KEY = [
  ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' '),
  `MIIEowIBAAKCAQEA${'x'.repeat(48)}`,
  'y'.repeat(64),
  ['-----END RSA', 'PRIVATE KEY-----'].join(' '),
].join('\n');

/** A git repository in a temporary folder holding `files` (tracked unless `untracked` names them). */
function repository(files: Record<string, string>, untracked: readonly string[] = []): string {
  const root = folder('security');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  execFileSync('git', ['init', '--quiet'], { cwd: root });
  const tracked = Object.keys(files).filter((file) => !untracked.includes(file));
  execFileSync('git', ['add', '--', ...tracked], { cwd: root });
  return root;
}

/** A loopback port nothing listens on: a registry that refuses connections. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pnpmJson = (args: readonly string[]) =>
  JSON.parse(execFileSync('pnpm', args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));

// Checks over this whole repository (every file, every production dependency) are slow for the PR
// tier: make test's second pass runs them (monorepo-e2e), and the PR workflow's security job runs
// the stage itself on every pull request.
const WHOLE_REPOSITORY = { tags: ['monorepo-e2e'] };

describe('assay security', { meta: req('CLI-005') }, () => {
  test('a planted secret is named by its file and line, never shown; ignored files and lockfiles are not scanned', async () => {
    const root = repository(
      {
        'README.md': '# a service\n',
        'src/config.ts': `// settings\nexport const region = 'eu-west-1';\nexport const aws_secret_access_key = "${AWS_SECRET}";\n`,
        'deploy/key.pem': `${PRIVATE_KEY}\n`,
        '.gitignore': 'local.env\n',
        'local.env': `aws_secret_access_key = "${AWS_SECRET}"\n`,
        'pnpm-lock.yaml': `aws_secret_access_key: "${AWS_SECRET}"\n`,
      },
      ['deploy/key.pem', 'local.env'],
    );
    const findings = await scanSecrets(root);
    expect(findings.map((f) => f.kind === 'secret' && `${f.file}:${f.line} ${f.rule}`).sort()).toEqual([
      'deploy/key.pem:1 @secretlint/secretlint-rule-privatekey',
      'src/config.ts:3 @secretlint/secretlint-rule-aws',
    ]);
    const lines = findings.map(formatFinding);
    expect(lines).toContain('secret: src/config.ts:3: found AWS Secret Access Key: ***');
    expect(lines.join('\n')).not.toContain(AWS_SECRET);
    expect(lines.join('\n')).not.toContain('MIIEow');
    expect(findings.every((f) => f.problem)).toBe(true);
  });

  test('a clean repository, and this one, have no secret', WHOLE_REPOSITORY, async () => {
    const clean = repository({ 'README.md': '# a service\n', 'src/index.ts': 'export const answer = 42;\n' });
    expect(await scanSecrets(clean)).toEqual([]);
    expect((await scanSecrets(REPO_ROOT)).map(formatFinding)).toEqual([]);
  });

  test('outside a git repository the scan is one failed line', async () => {
    const [finding] = await scanSecrets(folder('not-git'));
    expect(finding && formatFinding(finding)).toMatch(/^secret: git ls-files failed: fatal: not a git repository/);
  });

  test(
    'a licence off the allow-list is named; this repository passes its configured list',
    WHOLE_REPOSITORY,
    async () => {
      const configured = (await loadRepoConfig(REPO_ROOT)).security?.licenses?.allow ?? DEFAULT_ALLOWED_LICENCES;
      const withoutApache = configured.filter((id) => id !== 'Apache-2.0');
      const { findings, problems } = await runSecurity({
        root: REPO_ROOT,
        checks: ['licenses'],
        audit: 'high',
        allow: withoutApache,
        ci: true,
      });
      expect(problems).toBe(findings.length);
      expect(findings.length).toBeGreaterThan(0);
      const store = readdirSync(join(REPO_ROOT, 'node_modules/.pnpm'));
      for (const finding of findings) {
        if (finding.kind !== 'licence') throw new Error(`not a licence finding: ${formatFinding(finding)}`);
        expect(formatFinding(finding)).toBe(
          `licence: ${finding.package}@${finding.version}: Apache-2.0 is not on the allow-list`,
        );
        // A real dependency, installed, whose own manifest says Apache-2.0.
        const base = `${finding.package.replace('/', '+')}@${finding.version}`;
        const dir = store.find((d) => d === base || d.startsWith(`${base}_`));
        const manifest = JSON.parse(
          readFileSync(
            join(REPO_ROOT, 'node_modules/.pnpm', String(dir), 'node_modules', finding.package, 'package.json'),
            'utf8',
          ),
        );
        expect(manifest.license).toBe('Apache-2.0');
      }
      const passing = await runSecurity({
        root: REPO_ROOT,
        checks: ['licenses'],
        audit: 'high',
        allow: configured,
        ci: true,
      });
      expect(passing.findings.map(formatFinding)).toEqual([]);
    },
  );

  test.each([
    ['MIT', ['MIT'], true],
    ['mit', ['MIT'], true],
    ['(MIT OR Apache-2.0)', ['Apache-2.0'], true],
    ['(MIT OR GPL-3.0-only)', ['ISC'], false],
    ['MIT AND GPL-3.0-only', ['MIT'], false],
    ['MIT AND (BSD-3-Clause OR GPL-2.0-only)', ['MIT', 'BSD-3-Clause'], true],
    ['Apache-2.0 WITH LLVM-exception', ['Apache-2.0'], true],
    ['GPL-2.0-only WITH Classpath-exception-2.0', ['MIT'], false],
    ['GPL-2.0-only WITH Classpath-exception-2.0', ['GPL-2.0-only WITH Classpath-exception-2.0'], true],
    ['(MIT OR', ['MIT'], false],
    ['SEE LICENSE IN LICENSE.md', ['MIT'], false],
    ['Unknown', ['MIT'], false],
  ])('licence %j with allow-list %j: allowed %s', (expression, allow, allowed) => {
    expect(licenceAllowed(expression, allow)).toBe(allowed);
  });

  test('the SBOM lists every production dependency of every workspace', WHOLE_REPOSITORY, async () => {
    const file = join(folder('sbom'), 'reports', 'sbom.cdx.json');
    const finding = await writeSbom(REPO_ROOT, file);
    const sbom = JSON.parse(readFileSync(file, 'utf8')) as {
      bomFormat: string;
      components: { group?: string; name: string; version: string }[];
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(finding).toMatchObject({ kind: 'sbom', components: sbom.components.length, problem: false });
    const listed = new Set(sbom.components.map((c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`));
    const licences = pnpmJson(['-r', 'licenses', 'list', '--json', '--prod']) as Record<
      string,
      { name: string; versions: string[] }[]
    >;
    const production = Object.values(licences).flatMap((packages) =>
      packages.flatMap((p) => p.versions.map((v) => `${p.name}@${v}`)),
    );
    expect(production.length).toBeGreaterThan(100);
    expect(production.filter((p) => !listed.has(p))).toEqual([]);
    // The workspaces other workspaces depend on are components too.
    expect(listed).toContain(
      `@assay/tiers@${pnpmJson(['--filter', '@assay/tiers', 'ls', '--json', '--depth', '-1'])[0].version}`,
    );
  });

  test('an audit service out of reach is one line, a problem only in CI', async () => {
    vi.stubEnv('PNPM_CONFIG_REGISTRY', `http://127.0.0.1:${await closedPort()}/`);
    vi.stubEnv('PNPM_CONFIG_FETCH_RETRIES', '0'); // pnpm would retry for a minute
    try {
      const options = { root: REPO_ROOT, checks: ['audit'], audit: 'high', allow: [] } as const;
      const local = await runSecurity({ ...options, ci: false });
      expect(local.problems).toBe(0);
      expect(local.findings.map(formatFinding)).toEqual([
        expect.stringMatching(
          /^audit: the registry's audit service could not be reached \(.*refused.*\): dependencies not audited$/i,
        ),
      ]);
      expect((await runSecurity({ ...options, ci: true })).problems).toBe(1);
      const run = assay(REPO_ROOT, 'security', '--only', 'audit'); // CI=true
      expect(run.code).toBe(1);
      expect(run.stdout.trim().split('\n')).toEqual([
        expect.stringMatching(/^audit: the registry's audit service could not be reached/),
        'assay security: 1 problem',
      ]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('a registry without the audit endpoint (HTTP 405, as pnpm reports it) is the same line', () => {
    const stderr = [
      'Error: ERR_PNPM_AUDIT_BAD_RESPONSE',
      '',
      '  × The audit endpoint (at https://registry.npmjs.org/-/npm/v1/security/',
      '  │ advisories/bulk) responded with 405:',
    ].join('\n');
    const [finding] = readAudit({ code: 1, stdout: '', stderr }, 'high', false);
    expect(finding && formatFinding(finding)).toBe(
      "audit: the registry's audit service could not be reached (HTTP 405): dependencies not audited",
    );
    expect(finding?.problem).toBe(false);
    expect(readAudit({ code: 1, stdout: '', stderr }, 'high', true)[0]?.problem).toBe(true);
  });

  test('advisories of a pnpm audit --json report at or above the level, most severe first', () => {
    // The shape `pnpm audit --json` prints (npm's audit report), cut to two advisories and one below the level.
    const report = {
      actions: [],
      advisories: {
        '1096366': {
          id: 1096366,
          github_advisory_id: 'GHSA-3h5v-q93c-6h6q',
          module_name: 'ws',
          severity: 'high',
          title: 'ws affected by a DoS when handling a request with many HTTP headers',
          url: 'https://github.com/advisories/GHSA-3h5v-q93c-6h6q',
          vulnerable_versions: '>=8.0.0 <8.17.1',
          patched_versions: '>=8.17.1',
          findings: [
            { version: '8.16.0', paths: ['apps__web>ws'] },
            { version: '8.17.0', paths: ['packages__api>ws'] },
          ],
        },
        '1097682': {
          id: 1097682,
          module_name: 'minimist',
          severity: 'critical',
          title: 'Prototype Pollution in minimist',
          url: 'https://github.com/advisories/GHSA-xvch-5gv4-984h',
          vulnerable_versions: '<1.2.6',
          findings: [{ version: '1.2.5', paths: ['apps__web>mkdirp>minimist'] }],
        },
        '1098583': {
          id: 1098583,
          module_name: 'semver',
          severity: 'moderate',
          title: 'semver vulnerable to Regular Expression Denial of Service',
          url: 'https://github.com/advisories/GHSA-c2qf-rxjj-qqgw',
          vulnerable_versions: '<5.7.2',
          findings: [{ version: '5.7.1', paths: ['apps__web>semver'] }],
        },
      },
      muted: [],
      metadata: {
        vulnerabilities: { info: 0, low: 0, moderate: 1, high: 1, critical: 1 },
        dependencies: 120,
        devDependencies: 0,
        optionalDependencies: 0,
        totalDependencies: 120,
      },
    };
    const json = JSON.stringify(report);
    expect(parseAudit(json, 'high').map(formatFinding)).toEqual([
      'audit: minimist@1.2.5: critical Prototype Pollution in minimist (https://github.com/advisories/GHSA-xvch-5gv4-984h)',
      'audit: ws@8.16.0: high ws affected by a DoS when handling a request with many HTTP headers (https://github.com/advisories/GHSA-3h5v-q93c-6h6q)',
      'audit: ws@8.17.0: high ws affected by a DoS when handling a request with many HTTP headers (https://github.com/advisories/GHSA-3h5v-q93c-6h6q)',
    ]);
    expect(parseAudit(json, 'moderate')).toHaveLength(4);
    expect(parseAudit(json, 'critical')).toHaveLength(1);
    // pnpm exits 1 when it finds advisories: the report is read, reachable or not in CI.
    expect(readAudit({ code: 1, stdout: json, stderr: '' }, 'high', false).every((f) => f.problem)).toBe(true);
    expect(parseAudit(JSON.stringify({ ...report, advisories: {} }), 'low')).toEqual([]);
  });

  test('bad input is one line with exit 2', () => {
    const result = assay(REPO_ROOT, 'security', '--only', 'nonsense');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("assay: invalid --only 'nonsense': expected one of audit, secrets, licenses, sbom\n");
  });
});
