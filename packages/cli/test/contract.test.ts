/**
 * @module-tag integration
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPact } from '@assay/contract';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, folder } from './support/cli.ts';

// A copy of the storefront's pact: the live one in pacts/ is rewritten while the consumer's tests run.
const PACT = fileURLToPath(new URL('./fixtures/storefront-orders-api.json', import.meta.url));

/** A monorepo with the storefront's pact and a provider workspace that verified `interactions` of it. */
function monorepo(verified: { sha256?: string; ok: boolean } | null): string {
  const root = folder('contract');
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - apps/*\n');
  mkdirSync(join(root, 'apps', 'orders-api', '.vitest', 'assay'), { recursive: true });
  writeFileSync(join(root, 'apps', 'orders-api', 'package.json'), '{ "name": "@x/orders-api" }');
  mkdirSync(join(root, 'pacts'));
  cpSync(PACT, join(root, 'pacts', 'storefront-orders-api.json'));
  if (verified) {
    const pact = readPact(PACT);
    writeFileSync(
      join(root, 'apps', 'orders-api', '.vitest', 'assay', 'contracts.json'),
      JSON.stringify({
        schemaVersion: 1,
        provider: 'orders-api',
        verifiedAt: '2026-11-22T10:00:00.000Z',
        pacts: [
          {
            file: 'storefront-orders-api.json',
            sha256: verified.sha256 ?? pact.sha256,
            consumer: 'storefront',
            provider: 'orders-api',
            interactions: pact.interactions.map((i, index) => ({
              description: i.description,
              states: [],
              ok: verified.ok || index > 0,
              problems: verified.ok || index > 0 ? [] : ['$.id: expected an integer (like 1) (rule integer), got "1"'],
            })),
          },
        ],
      }),
    );
  }
  return root;
}

describe('assay contract verify', { meta: req('CON-003') }, () => {
  test('every pact verified for its content: exit 0, and the check written for the dashboard', () => {
    const root = monorepo({ ok: true });
    const result = assay(root, 'contract', 'verify');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('verified   storefront → orders-api (5 interactions, storefront-orders-api.json)');
    expect(JSON.parse(readFileSync(join(root, '.assay/reports/contracts.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
      ok: true,
    });
  });

  test('a failing interaction, or a pact changed since it was verified: exit 1, naming consumer → provider → interaction', () => {
    const failing = assay(monorepo({ ok: false }), 'contract', 'verify');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(
      `storefront → orders-api → 'a new order': failing: $.id: expected an integer (like 1) (rule integer), got "1"`,
    );
    const stale = assay(monorepo({ ok: true, sha256: 'f'.repeat(64) }), 'contract', 'verify');
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain(
      "storefront → orders-api → 'a new order': not verified for this pact's content (run orders-api's tests)",
    );
    const never = assay(monorepo(null), 'contract', 'verify');
    expect(never.stdout).toContain('contracts: 5 interactions not verified');
  });

  test('--pacts: an absolute folder is taken as given, a relative one from the working directory', () => {
    const root = monorepo({ ok: true });
    const elsewhere = folder('pacts-elsewhere');
    cpSync(join(root, 'pacts'), elsewhere, { recursive: true });
    rmSync(join(root, 'pacts'), { recursive: true });
    const absolute = assay(root, 'contract', 'verify', '--pacts', elsewhere);
    expect(absolute.code, absolute.stderr).toBe(0);
    expect(absolute.stdout).toContain('contracts: every pact verified');
    const relativeToCwd = assay(root, 'contract', 'verify', '--pacts', relative(root, elsewhere));
    expect(relativeToCwd.code, relativeToCwd.stderr).toBe(0);
  });

  test('bad input: a missing pacts folder, a corrupt pact, a wrong subcommand — one line, exit 2', () => {
    const root = monorepo({ ok: true });
    expect(assay(root, 'contract', 'verify', '--pacts', 'nowhere')).toMatchObject({
      code: 2,
      stderr: `assay: no pacts folder at ${join(root, 'nowhere')}: run the consumer tests first (they write their pacts there)\n`,
    });
    writeFileSync(join(root, 'pacts', 'corrupt.json'), '{"consumer":');
    const corrupt = assay(root, 'contract', 'verify');
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/^assay: .*pacts\/corrupt\.json: not valid JSON \(.*\)\n$/);
    expect(assay(root, 'contract', 'check').stderr).toBe(
      "assay: expected 'assay contract verify', got 'assay contract check'\n",
    );
    expect(existsSync(join(root, '.assay/reports/contracts.json'))).toBe(false);
  });
});
