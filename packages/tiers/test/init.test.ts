/**
 * @module-tag unit
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { req } from '@assay/trace';
import { describe, expect, onTestFinished, test } from 'vitest';
import { applyInit, type InitChange, InitError, planInit } from '../src/index.ts';

/** A pnpm + turbo monorepo in a temporary folder, from a map of relative paths to contents. */
function monorepo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'assay-init-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const all: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'shop', private: true }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  // The assay.config.ts that init writes imports @assay/tiers, as the user's install provides it.
  mkdirSync(join(root, 'node_modules', '@assay'), { recursive: true });
  symlinkSync(fileURLToPath(new URL('..', import.meta.url)), join(root, 'node_modules', '@assay', 'tiers'));
  return root;
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
const readJson = (root: string, path: string) =>
  JSON.parse(read(root, path)) as Record<string, Record<string, unknown>>;
const actions = (plan: InitChange[]) => Object.fromEntries(plan.map((change) => [change.path, change.action]));

describe('assay init', { meta: req('TIER-010') }, () => {
  test('a fresh monorepo gets every file, and a second run finds nothing to do', async () => {
    const root = monorepo({ 'packages/lib/package.json': JSON.stringify({ name: 'lib' }) });
    const plan = await planInit(root);
    expect(actions(plan)).toEqual({
      'assay.config.ts': 'create',
      'quarantine.yaml': 'create',
      'package.json': 'update',
      'turbo.json': 'create',
      '.gitignore': 'create',
      '.github/workflows/assay-pr.yml': 'create',
      '.github/workflows/assay-nightly.yml': 'create',
      '.github/workflows/assay-weekly.yml': 'create',
      'packages/lib/vitest.config.ts': 'create',
      'packages/lib/package.json': 'update',
      'packages/lib/requirements.yaml': 'create',
    });
    applyInit(root, plan);

    expect(readJson(root, 'packages/lib/package.json').scripts).toEqual({
      'test:pr': 'assay test --tier pr',
      'test:nightly': 'assay test --tier nightly',
      'test:weekly': 'assay test --tier weekly',
    });
    expect(readJson(root, 'package.json').scripts).toEqual({ traceability: 'assay trace' });
    expect(Object.keys(readJson(root, 'turbo.json').tasks ?? {})).toEqual([
      'transit',
      'test:pr',
      'test:nightly',
      'test:weekly',
    ]);
    expect(read(root, 'packages/lib/vitest.config.ts')).toContain('export default defineAssayConfig();');
    expect(read(root, '.gitignore')).toBe('.vitest/\n.assay/\n.turbo/\n.stryker-tmp-*/\n');

    const again = await planInit(root);
    expect(new Set(again.map((change) => change.action))).toEqual(new Set(['ok']));
  });

  test('what the user has is kept: other keys and tasks, their own files, and what differs without --force', async () => {
    const root = monorepo({
      'turbo.json': JSON.stringify({ tasks: { build: { outputs: ['dist/**'] }, 'test:pr': { cache: false } } }),
      '.gitignore': 'node_modules\n.vitest\n',
      'packages/lib/package.json': JSON.stringify({ name: 'lib', scripts: { 'test:pr': 'vitest run', build: 'tsc' } }),
      'packages/lib/vitest.config.ts': 'export default { test: {} };\n',
      'packages/lib/requirements.yaml': 'schemaVersion: 1\nrequirements:\n  - id: LIB-1\n    title: t\n',
      '.github/workflows/ci.yml': 'jobs:\n  test:\n    steps:\n      - run: pnpm turbo run test:pr\n',
    });
    const plan = await planInit(root);
    expect(plan.find((change) => change.path === 'turbo.json')).toMatchObject({
      action: 'update',
      detail: 'adds tasks transit, test:nightly, test:weekly; tasks test:pr differ (--force replaces them)',
    });
    expect(actions(plan)).toMatchObject({
      // The repository's own workflow runs the PR tier already; the others are added.
      '.github/workflows/ci.yml': 'ok',
      '.github/workflows/assay-nightly.yml': 'create',
      '.gitignore': 'update',
      'packages/lib/vitest.config.ts': 'differs',
      'packages/lib/requirements.yaml': 'ok',
    });
    applyInit(root, plan);

    const turbo = readJson(root, 'turbo.json').tasks as Record<string, Record<string, unknown>>;
    expect(turbo.build).toEqual({ outputs: ['dist/**'] });
    expect(turbo['test:pr']).toEqual({ cache: false });
    // The repo builds, so the tiers' tasks wait for the workspaces they depend on to be built.
    expect(turbo['test:nightly']?.dependsOn).toEqual(['transit', '^build']);
    expect(readJson(root, 'packages/lib/package.json').scripts).toMatchObject({
      'test:pr': 'vitest run',
      build: 'tsc',
    });
    expect(read(root, 'packages/lib/vitest.config.ts')).toBe('export default { test: {} };\n');
    expect(read(root, '.gitignore')).toBe('node_modules\n.vitest\n.assay/\n.turbo/\n.stryker-tmp-*/\n');

    const forced = await planInit(root, { force: true });
    expect(actions(forced)).toMatchObject({
      'turbo.json': 'replace',
      'packages/lib/package.json': 'replace',
      'packages/lib/vitest.config.ts': 'replace',
    });
    applyInit(root, forced);
    expect((readJson(root, 'turbo.json').tasks as Record<string, Record<string, unknown>>)['test:pr']?.cache).toBe(
      undefined,
    );
    expect(readJson(root, 'packages/lib/package.json').scripts).toMatchObject({
      'test:pr': 'assay test --tier pr',
      build: 'tsc',
    });
  });

  test('bad input: not a pnpm monorepo, or a turbo.json that is not JSON — one line each', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'assay-init-'));
    onTestFinished(() => rmSync(bare, { recursive: true, force: true }));
    await expect(planInit(bare)).rejects.toThrow(
      new InitError(`no pnpm-workspace.yaml in ${bare}: assay init works at the root of a pnpm monorepo`),
    );
    const root = monorepo({ 'turbo.json': '{ "tasks": { // a comment\n } }' });
    await expect(planInit(root)).rejects.toThrow(/^turbo\.json: cannot read it as a JSON object \(.+\)$/);
    await expect(planInit(monorepo({ 'turbo.jsonc': '{}' }))).rejects.toThrow(
      'turbo.jsonc: assay init edits turbo.json only: rename it, or add the test:<tier> tasks by hand',
    );
  });
});
