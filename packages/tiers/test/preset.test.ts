/**
 * @module-tag unit
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  coverageThresholds,
  currentTier,
  DEFAULT_MODEL,
  defineAssayConfig,
  loadRepoConfig,
  RepoConfigError,
  refusalsFor,
  tagDefinitions,
  WORKER_SETTINGS,
} from '../src/index.ts';

const byName = (tier: 'pr' | 'nightly' | 'weekly', env = {}) =>
  Object.fromEntries(tagDefinitions(DEFAULT_MODEL, tier, env).map((tag) => [tag.name, tag]));

/** The preset as Vitest resolves it for a run in `mode` (a bare `vitest run`: test). */
const preset = (...args: Parameters<typeof defineAssayConfig>) =>
  defineAssayConfig(...args)({ mode: 'test', command: 'serve' });

describe('tag definitions', { meta: req('TIER-001', 'TIER-002') }, () => {
  test('categories outside the tier are skipped by definition; the tier’s own are not', async () => {
    const pr = byName('pr');
    expect(pr.slow?.skip).toBe(true);
    expect(pr.destructive?.skip).toBe(true);
    expect(pr.unit?.skip).toBeUndefined();
    expect(pr.quarantine?.skip).toBeUndefined();
    expect(Object.values(byName('weekly', { ASSAY_SOAK_DURATION: '1s' })).some((tag) => tag.skip)).toBe(false);
  });

  test('heavier categories win a timeout conflict (lower priority number)', async () => {
    const tags = byName('nightly');
    expect(tags.chaos?.timeout).toBe(60_000);
    expect(tags.chaos?.priority).toBeLessThan(tags.integration?.priority ?? 0);
  });

  test('a soak test gets its duration plus a margin as timeout', async () => {
    expect(byName('weekly', { ASSAY_SOAK_DURATION: '30s' }).soak?.timeout).toBe(30_000 + 300_000);
  });
});

describe('the preset', { meta: req('TIER-002') }, () => {
  test('ASSAY_TIER picks the tier; without it a run is the pr tier', async () => {
    expect(currentTier(DEFAULT_MODEL, {})).toBe('pr');
    expect(currentTier(DEFAULT_MODEL, { ASSAY_TIER: 'nightly' })).toBe('nightly');
    expect(() => currentTier(DEFAULT_MODEL, { ASSAY_TIER: 'hourly' })).toThrow("unknown ASSAY_TIER 'hourly'");
  });

  test('assay test hands the tier over as the mode, which wins over ASSAY_TIER', async () => {
    const config = await defineAssayConfig({}, { ASSAY_TIER: 'weekly' })({ mode: 'nightly', command: 'serve' });
    expect(config.test?.provide?.[WORKER_SETTINGS]?.tier).toBe('nightly');
    expect((await preset({}, { ASSAY_TIER: 'weekly' })).test?.provide?.[WORKER_SETTINGS]?.tier).toBe('weekly');
  });

  test('defines every category as a strict tag and keeps overrides', async () => {
    const config = await preset({ test: { include: ['spec/**/*.ts'] } }, {});
    expect(config.test?.strictTags).toBe(true);
    expect(config.test?.tags?.map((tag) => tag.name)).toContain('chaos');
    expect(config.test?.include).toEqual(['spec/**/*.ts']);
    expect(config.test?.setupFiles).toEqual([expect.stringMatching(/\/src\/setup\.ts$/)]);
  });

  test("on GitHub Actions Vitest's annotations reporter runs beside Assay's; elsewhere it does not", async () => {
    const names = async (env: Record<string, string>) =>
      ((await preset({}, env)).test?.reporters as unknown[] | undefined)?.filter((r) => typeof r === 'string');
    expect(await names({ GITHUB_ACTIONS: 'true' })).toEqual(['default', 'github-actions', 'junit', 'json']);
    expect(await names({})).toEqual(['default', 'junit', 'json']);
  });
});

describe('what the workers receive', { meta: req('TIER-002', 'GRD-001', 'GRD-002') }, () => {
  test('refusals: an unconfirmed destructive test, a soak too long for this machine', async () => {
    expect(refusalsFor(DEFAULT_MODEL, {})).toEqual({
      destructive:
        "refused to run a destructive test without confirmation: set ASSAY_CONFIRM_DESTRUCTIVE=yes, or use 'assay test' on a terminal",
    });
    expect(refusalsFor(DEFAULT_MODEL, { ASSAY_CONFIRM_DESTRUCTIVE: 'yes' })).toEqual({});
    expect(refusalsFor(DEFAULT_MODEL, { ASSAY_CONFIRM_DESTRUCTIVE: 'yes', ASSAY_SOAK_DURATION: '2h' }).soak).toBe(
      'refused: a 2h soak runs only in CI (CI=true); locally soak runs are limited to 1h',
    );
    expect(
      refusalsFor(DEFAULT_MODEL, { ASSAY_CONFIRM_DESTRUCTIVE: 'yes', ASSAY_SOAK_DURATION: '2h', CI: 'true' }),
    ).toEqual({});
  });

  test('the preset resolves the settings once and provides them, with the guard budgets of the tier', async () => {
    const config = await preset({}, { ASSAY_TIER: 'nightly' });
    const settings = config.test?.provide?.[WORKER_SETTINGS];
    expect(settings).toMatchObject({ tier: 'nightly', guards: { tier: 'nightly', leaks: 'fail' } });
    expect(Object.keys(settings?.refusals ?? {})).toEqual(['destructive']);
  });
});

describe('the repository configuration (assay.config.ts)', { meta: req('TIER-009') }, () => {
  function repo(config: string): string {
    const root = mkdtempSync(join(tmpdir(), 'assay-repo-config-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
    writeFileSync(join(root, 'assay.config.ts'), config);
    mkdirSync(join(root, 'packages', 'app'), { recursive: true });
    return join(root, 'packages', 'app');
  }

  test('found from a workspace up to the monorepo root; its service images reach the workers, unless the environment sets them', async () => {
    const app = repo("export default { services: { postgres: { image: 'pg:local' } } };\n");
    expect(await loadRepoConfig(app)).toEqual({ services: { postgres: { image: 'pg:local' } } });
    expect((await preset({}, {}, app)).test?.env).toEqual({
      ASSAY_POSTGRES_IMAGE: 'pg:local',
      ASSAY_PROPERTY_PROFILE: 'default',
    });
    expect((await preset({}, { ASSAY_POSTGRES_IMAGE: 'pg:mine' }, app)).test?.env).toEqual({
      ASSAY_PROPERTY_PROFILE: 'default',
    });
  });

  test('its own category and tier: the preset defines the tag, accepts the tier, and uses what it extends', async () => {
    const app = repo(`export default {
      categories: { smoke: { description: 'the few checks every push runs', timeout: 5000, retry: 1 } },
      tiers: { 'merge-queue': { categories: ['unit', 'smoke'], extends: 'nightly' } },
    };\n`);
    const config = await preset({}, { ASSAY_TIER: 'merge-queue' }, app);
    const tags = Object.fromEntries((config.test?.tags ?? []).map((tag) => [tag.name, tag]));
    expect(tags.smoke).toMatchObject({ description: 'the few checks every push runs', timeout: 5000, retry: 1 });
    expect(tags.smoke?.skip).toBeUndefined();
    expect(tags.integration?.skip).toBe(true);
    expect(config.test?.provide?.[WORKER_SETTINGS]).toMatchObject({ tier: 'merge-queue', guards: { tier: 'nightly' } });
    expect(config.test?.env).toMatchObject({ ASSAY_PROPERTY_PROFILE: 'thorough' });
    await expect(preset({}, { ASSAY_TIER: 'merge-queue' }, repo('export default {};\n'))).rejects.toThrow(
      "unknown ASSAY_TIER 'merge-queue': expected one of pr, nightly, weekly",
    );
  });

  test('a change to a built-in category needs no description of its own', async () => {
    const app = repo('export default { categories: { unit: { timeout: 1000 } } };\n');
    expect(await loadRepoConfig(app)).toEqual({ categories: { unit: { timeout: 1000 } } });
  });

  test('coverage: on in the tiers it names (pr by default) with V8 over the workspace’s sources; ASSAY_COVERAGE decides one run', async () => {
    const app = repo("export default { coverage: { tiers: ['nightly'], include: ['lib/**'] } };\n");
    expect((await preset({}, {}, app)).test?.coverage).toBeUndefined();
    expect((await preset({}, { ASSAY_TIER: 'nightly' }, app)).test?.coverage).toMatchObject({
      enabled: true,
      provider: 'v8',
      include: ['lib/**'],
      reportOnFailure: true,
    });
    expect((await preset({}, { ASSAY_COVERAGE: 'on' }, app)).test?.coverage).toMatchObject({ enabled: true });
    const bare = repo('export default {};\n');
    expect((await preset({}, {}, bare)).test?.coverage).toMatchObject({ enabled: true, include: ['src/**'] });
    expect((await preset({}, { ASSAY_COVERAGE: 'off' }, bare)).test?.coverage).toBeUndefined();
    await expect(preset({}, { ASSAY_COVERAGE: 'yes' }, bare)).rejects.toThrow(
      "invalid ASSAY_COVERAGE 'yes': expected on or off",
    );
  });

  test('coverage thresholds: the repository’s, with a workspace’s own in place of the metrics it names', () => {
    const config = {
      coverage: { thresholds: { lines: 80, branches: 70 }, workspaces: { '@app/legacy': { lines: 40 } } },
    };
    expect(coverageThresholds(config, '@app/web')).toEqual({ lines: 80, branches: 70 });
    expect(coverageThresholds(config, '@app/legacy')).toEqual({ lines: 40, branches: 70 });
    expect(coverageThresholds({}, '@app/web')).toEqual({});
  });

  test('none: the built-in defaults', async () => {
    const root = mkdtempSync(join(tmpdir(), 'assay-no-config-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    expect(await loadRepoConfig(root)).toEqual({});
  });

  test.each([
    [
      'export default { service: {} };',
      "unknown key 'service': expected one of categories, tiers, services, history, requirements, coverage",
    ],
    [
      "export default { categories: { Smoke: { description: 'x' } } };",
      "'categories.Smoke' must be named in lower case",
    ],
    ['export default { categories: { smoke: {} } };', "'categories.smoke.description' must be a non-empty string"],
    [
      "export default { categories: { smoke: { description: 'x', retry: -1 } } };",
      "'categories.smoke.retry' must be a whole number, 0 or more",
    ],
    [
      "export default { tiers: { hourly: { categories: ['unit'], extends: 'daily' } } };",
      "'tiers.hourly.extends' must be one of pr, nightly, weekly",
    ],
    ["export default { tiers: { pr: { categories: ['smoke'] } } };", "tier 'pr' runs unknown category 'smoke'"],
    ["export default { tiers: { test: { categories: ['unit'] } } };", "'tiers.test' must be named otherwise"],
    [
      "export default { tiers: { production: { categories: ['unit'] } } };",
      "'tiers.production' must be named otherwise",
    ],
    ["export default { categories: { or: { description: 'x' } } };", "'categories.or' must be named otherwise"],
    ["export default { history: '' };", "'history' must be a non-empty string"],
    ["export default { requirements: { idPattern: '([' } };", "'requirements.idPattern' must be a regular expression"],
    [
      'export default { services: { "my-sql": {} } };',
      "'services.my-sql' is not a service name (lowercase letters and digits)",
    ],
    ["export default { services: { redis: { image: '' } } };", "'services.redis.image' must be a non-empty string"],
    [
      "export default { coverage: { tiers: ['nightly', 'hourly'] } };",
      "'coverage.tiers' names 'hourly', which is not a tier: expected one of pr, nightly, weekly",
    ],
    [
      'export default { coverage: { thresholds: { lines: 120 } } };',
      "'coverage.thresholds.lines' must be a percentage, 0 to 100",
    ],
    [
      'export default { coverage: { thresholds: { line: 80 } } };',
      "unknown key 'coverage.thresholds.line': expected one of lines, branches, functions, statements",
    ],
    [
      "export default { coverage: { workspaces: { '@app/web': { branches: '70' } } } };",
      "'coverage.workspaces.@app/web.branches' must be a percentage, 0 to 100",
    ],
    ['export default { coverage: { changedLines: -1 } };', "'coverage.changedLines' must be a percentage, 0 to 100"],
    ["export default { coverage: { include: 'src' } };", "'coverage.include' must be a list of globs"],
    [
      "export default { security: { audit: 'severe' } };",
      "'security.audit' must be one of low, moderate, high, critical",
    ],
    [
      "export default { security: { licenses: { allow: 'MIT' } } };",
      "'security.licenses.allow' must be a list of SPDX licence ids",
    ],
    [
      'export default { security: { licences: {} } };',
      "unknown key 'security.licences': expected one of audit, licenses",
    ],
    ['export default 42;', 'cannot load it: config must export or return an object'],
    ['export default {', 'cannot load it: '],
  ])('%s → one line naming the key', async (source, message) => {
    const app = repo(source);
    await expect(loadRepoConfig(app)).rejects.toThrow(RepoConfigError);
    await expect(loadRepoConfig(app)).rejects.toThrow(message);
  });
});
