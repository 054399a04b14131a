/**
 * The repository's own settings for its runs, in `assay.config.ts` at the monorepo root, so that
 * `pnpm turbo test:pr` and `make test-pr` run the same way. Loaded once, in the main process, by the
 * preset; the built-in defaults stand where the file or a key is absent. Environment variables
 * still override it: they are the user's input for one run.
 *
 *   // assay.config.ts
 *   import { defineRepoConfig } from '@assay/tiers/config';
 *   export default defineRepoConfig({ services: { postgres: { image: 'assay-postgres:15' } } });
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
// The coverage model alone: the configuration loads before (and without) the rest of insights.
import { COVERAGE_METRICS, type CoverageThresholds } from '@assay/insights/coverage';
import { loadConfigFromFile } from 'vite';
import {
  BUILT_IN_TIERS,
  type CategoryConfig,
  DEFAULT_MODEL,
  NAME,
  PROPERTY_PROFILES,
  RESERVED_CATEGORY_NAMES,
  RESERVED_TIER_NAMES,
  type TierConfig,
  TierError,
  type TierModel,
  tierModel,
} from './model.ts';
import { isRecord } from './records.ts';

export const REPO_CONFIG_FILE = 'assay.config.ts';

export interface ServiceSettings {
  /** The image the container provider starts (ASSAY_<SERVICE>_IMAGE overrides it). */
  readonly image?: string;
}

export interface CoverageConfig {
  /** The tiers that measure code coverage (@vitest/coverage-v8); default ['pr']. [] turns it off. */
  readonly tiers?: readonly string[];
  /** The files measured, from each workspace's root (globs); default ['src/**']. */
  readonly include?: readonly string[];
  /** Minimum percentages every workspace must reach. */
  readonly thresholds?: CoverageThresholds;
  /** A workspace's own thresholds (by package name), in place of `thresholds`' metrics it names. */
  readonly workspaces?: Readonly<Record<string, CoverageThresholds>>;
  /** The minimum share (percent) of a branch's changed executable lines that tests must run. */
  readonly changedLines?: number;
}

export interface MutationConfig {
  /** The files Stryker mutates, per workspace (package name → globs from its folder). */
  readonly workspaces: Readonly<Record<string, readonly string[]>>;
  /** Percentage points a workspace's score may fall below its baseline before the run fails; default 5. */
  readonly margin?: number;
}

export const DEFAULT_MUTATION_MARGIN = 5;

/** Advisory severities `pnpm audit` reports, lowest first. */
export const AUDIT_LEVELS = ['low', 'moderate', 'high', 'critical'] as const;
export type AuditLevel = (typeof AUDIT_LEVELS)[number];

/**
 * Permissive licences: what production dependencies may use unless the configuration says otherwise.
 * A configuration that adds to them spreads this list (`allow: [...DEFAULT_ALLOWED_LICENCES, 'X']`).
 */
export const DEFAULT_ALLOWED_LICENCES: readonly string[] = [
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Unlicense',
  'Python-2.0',
  'CC-BY-4.0',
];

export interface SecurityConfig {
  /** The lowest advisory severity that fails `assay security`'s dependency audit; default 'high'. */
  readonly audit?: AuditLevel;
  readonly licenses?: {
    /**
     * The SPDX licence ids production dependencies may use, in place of DEFAULT_ALLOWED_LICENCES.
     */
    readonly allow?: readonly string[];
  };
}

export const DEFAULT_COVERAGE = { tiers: ['pr'], include: ['src/**'] } as const;

export interface RepoConfig {
  /** Categories to add to the built-in 13, or to change (by name). */
  readonly categories?: Readonly<Record<string, CategoryConfig>>;
  /** Tiers to add to pr / nightly / weekly, or changes to them (by name). */
  readonly tiers?: Readonly<Record<string, TierConfig>>;
  /**
   * Settings per service of @assay/fixtures, by its name (postgres, redis, mariadb, …). The names are
   * checked against the fixtures' services by `assay doctor`; here only their form.
   */
  readonly services?: Readonly<Record<string, ServiceSettings>>;
  /** The test history: a SQLite path (from the root) or a postgres:// URL; ASSAY_HISTORY_URL overrides it. */
  readonly history?: string;
  /** The requirement id format (a regular expression) for requirements.yaml files that name none. */
  readonly requirements?: { readonly idPattern?: string };
  /** Code coverage: which tiers measure it, and the thresholds that gate it. */
  readonly coverage?: CoverageConfig;
  /** Mutation testing (`assay mutate`): what Stryker mutates, and how far a score may fall. */
  readonly mutation?: MutationConfig;
  /** The security stage (`assay security`): the audit's severity level and the licence allow-list. */
  readonly security?: SecurityConfig;
}

/** A service's name: it becomes part of ASSAY_<NAME>_IMAGE. */
const SERVICE_NAME = /^[a-z][a-z0-9]*$/;
const isRegExp = (text: string) => {
  try {
    new RegExp(text);
    return true;
  } catch {
    return false;
  }
};
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Typed identity, for `export default defineRepoConfig({ … })`. */
export function defineRepoConfig(config: RepoConfig): RepoConfig {
  return config;
}

/** A malformed configuration: one line naming the file and the key, exit code 2. */
export class RepoConfigError extends Error {
  override name = 'RepoConfigError';
  readonly exitCode = 2;
}

/** The nearest assay.config.ts from `dir` up to the monorepo root (the folder with pnpm-workspace.yaml). */
export function findRepoConfig(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const file = join(current, REPO_CONFIG_FILE);
    if (existsSync(file)) return file;
    if (existsSync(join(current, 'pnpm-workspace.yaml')) || dirname(current) === current) return undefined;
  }
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], where: string, file: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new RepoConfigError(`${file}: unknown key '${where}${key}': expected one of ${allowed.join(', ')}`);
    }
  }
}

/** Checks a loaded configuration's shape; throws a RepoConfigError naming the first bad key. */
export function validateRepoConfig(value: unknown, file: string): RepoConfig {
  if (!isRecord(value)) throw new RepoConfigError(`${file}: the default export must be an object`);
  checkKeys(
    value,
    ['categories', 'tiers', 'services', 'history', 'requirements', 'coverage', 'mutation', 'security'],
    '',
    file,
  );
  const bad = (key: string, expected: string) => new RepoConfigError(`${file}: '${key}' must be ${expected}`);
  const check = (key: string, field: unknown, valid: boolean, expected: string) => {
    if (field !== undefined && !valid) throw bad(key, expected);
  };
  for (const section of ['categories', 'tiers'] as const) {
    const entries = value[section];
    if (entries === undefined) continue;
    if (!isRecord(entries)) throw bad(section, 'an object');
    for (const [name, entry] of Object.entries(entries)) {
      const key = `${section}.${name}`;
      if (!NAME.test(name)) throw bad(key, 'named in lower case: letters, digits, dashes and underscores');
      const reserved = section === 'tiers' ? RESERVED_TIER_NAMES : RESERVED_CATEGORY_NAMES;
      if (reserved.includes(name)) throw bad(key, `named otherwise: ${reserved.join(', ')} are reserved`);
      if (!isRecord(entry)) throw bad(key, 'an object');
      if (section === 'categories') {
        checkKeys(entry, ['description', 'timeout', 'retry', 'confirm'], `${key}.`, file);
        // A change to a built-in category keeps its description; a new one needs its own.
        const changesBuiltIn = DEFAULT_MODEL.isCategory(name) && entry.description === undefined;
        if (!changesBuiltIn && (typeof entry.description !== 'string' || entry.description === ''))
          throw bad(`${key}.description`, 'a non-empty string');
        check(
          `${key}.timeout`,
          entry.timeout,
          isCount(entry.timeout) && entry.timeout > 0,
          'a positive number of milliseconds',
        );
        check(`${key}.retry`, entry.retry, isCount(entry.retry), 'a whole number, 0 or more');
        check(
          `${key}.confirm`,
          entry.confirm,
          entry.confirm === 'always' || entry.confirm === 'on-request',
          "'always' or 'on-request'",
        );
      } else {
        checkKeys(entry, ['description', 'categories', 'extends', 'property', 'cache'], `${key}.`, file);
        check(`${key}.description`, entry.description, typeof entry.description === 'string', 'a string');
        const names = entry.categories;
        check(
          `${key}.categories`,
          names,
          Array.isArray(names) && names.every((c) => typeof c === 'string'),
          'a list of category names',
        );
        const builtIn = (BUILT_IN_TIERS as readonly unknown[]).includes(entry.extends);
        check(`${key}.extends`, entry.extends, builtIn, `one of ${BUILT_IN_TIERS.join(', ')}`);
        const profile = (PROPERTY_PROFILES as readonly unknown[]).includes(entry.property);
        check(`${key}.property`, entry.property, profile, `one of ${PROPERTY_PROFILES.join(', ')}`);
        check(`${key}.cache`, entry.cache, typeof entry.cache === 'boolean', 'true or false');
      }
    }
  }
  check('history', value.history, typeof value.history === 'string' && value.history !== '', 'a non-empty string');
  if (value.requirements !== undefined) {
    if (!isRecord(value.requirements)) throw bad('requirements', 'an object');
    checkKeys(value.requirements, ['idPattern'], 'requirements.', file);
    const pattern = value.requirements.idPattern;
    check('requirements.idPattern', pattern, typeof pattern === 'string' && isRegExp(pattern), 'a regular expression');
  }
  let model: TierModel;
  try {
    model = tierModel(value as RepoConfig); // a tier naming an unknown category, a new tier without categories
  } catch (error) {
    throw new RepoConfigError(`${file}: ${(error as Error).message}`);
  }
  if (value.coverage !== undefined) checkCoverage(value.coverage, model, file);
  if (value.mutation !== undefined) checkMutation(value.mutation, file);
  if (value.security !== undefined) checkSecurity(value.security, file);
  if (value.services === undefined) return value as RepoConfig;
  if (!isRecord(value.services)) throw new RepoConfigError(`${file}: 'services' must be an object`);
  for (const [name, service] of Object.entries(value.services)) {
    if (!SERVICE_NAME.test(name)) {
      throw new RepoConfigError(`${file}: 'services.${name}' is not a service name (lowercase letters and digits)`);
    }
    if (!isRecord(service)) throw new RepoConfigError(`${file}: 'services.${name}' must be an object`);
    checkKeys(service, ['image'], `services.${name}.`, file);
    if (service.image !== undefined && (typeof service.image !== 'string' || service.image === '')) {
      throw new RepoConfigError(`${file}: 'services.${name}.image' must be a non-empty string`);
    }
  }
  return value as RepoConfig;
}

const isPercent = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 100;

function checkThresholds(value: unknown, key: string, file: string): void {
  if (!isRecord(value)) throw new RepoConfigError(`${file}: '${key}' must be an object`);
  checkKeys(value, COVERAGE_METRICS, `${key}.`, file);
  for (const [metric, threshold] of Object.entries(value)) {
    if (!isPercent(threshold)) throw new RepoConfigError(`${file}: '${key}.${metric}' must be a percentage, 0 to 100`);
  }
}

function checkCoverage(coverage: unknown, model: TierModel, file: string): void {
  if (!isRecord(coverage)) throw new RepoConfigError(`${file}: 'coverage' must be an object`);
  checkKeys(coverage, ['tiers', 'include', 'thresholds', 'workspaces', 'changedLines'], 'coverage.', file);
  const { tiers, include, thresholds, workspaces, changedLines } = coverage;
  if (tiers !== undefined) {
    if (!Array.isArray(tiers)) throw new RepoConfigError(`${file}: 'coverage.tiers' must be a list of tier names`);
    for (const tier of tiers) {
      if (typeof tier !== 'string' || !model.isTier(tier)) {
        throw new RepoConfigError(
          `${file}: 'coverage.tiers' names '${String(tier)}', which is not a tier: expected one of ${model.tiers.join(', ')}`,
        );
      }
    }
  }
  if (include !== undefined && !(Array.isArray(include) && include.every((g) => typeof g === 'string' && g !== ''))) {
    throw new RepoConfigError(`${file}: 'coverage.include' must be a list of globs`);
  }
  if (thresholds !== undefined) checkThresholds(thresholds, 'coverage.thresholds', file);
  if (workspaces !== undefined) {
    if (!isRecord(workspaces)) throw new RepoConfigError(`${file}: 'coverage.workspaces' must be an object`);
    for (const [name, own] of Object.entries(workspaces)) checkThresholds(own, `coverage.workspaces.${name}`, file);
  }
  if (changedLines !== undefined && !isPercent(changedLines)) {
    throw new RepoConfigError(`${file}: 'coverage.changedLines' must be a percentage, 0 to 100`);
  }
}

function checkMutation(mutation: unknown, file: string): void {
  if (!isRecord(mutation)) throw new RepoConfigError(`${file}: 'mutation' must be an object`);
  checkKeys(mutation, ['workspaces', 'margin'], 'mutation.', file);
  if (!isRecord(mutation.workspaces)) throw new RepoConfigError(`${file}: 'mutation.workspaces' must be an object`);
  for (const [name, globs] of Object.entries(mutation.workspaces)) {
    if (!(Array.isArray(globs) && globs.length > 0 && globs.every((g) => typeof g === 'string' && g !== ''))) {
      throw new RepoConfigError(`${file}: 'mutation.workspaces.${name}' must be a list of globs`);
    }
  }
  if (mutation.margin !== undefined && !isPercent(mutation.margin)) {
    throw new RepoConfigError(`${file}: 'mutation.margin' must be a percentage, 0 to 100`);
  }
}

function checkSecurity(security: unknown, file: string): void {
  if (!isRecord(security)) throw new RepoConfigError(`${file}: 'security' must be an object`);
  checkKeys(security, ['audit', 'licenses'], 'security.', file);
  if (security.audit !== undefined && !(AUDIT_LEVELS as readonly unknown[]).includes(security.audit)) {
    throw new RepoConfigError(`${file}: 'security.audit' must be one of ${AUDIT_LEVELS.join(', ')}`);
  }
  const { licenses } = security;
  if (licenses === undefined) return;
  if (!isRecord(licenses)) throw new RepoConfigError(`${file}: 'security.licenses' must be an object`);
  checkKeys(licenses, ['allow'], 'security.licenses.', file);
  const { allow } = licenses;
  if (allow !== undefined && !(Array.isArray(allow) && allow.every((id) => typeof id === 'string' && id !== ''))) {
    throw new RepoConfigError(`${file}: 'security.licenses.allow' must be a list of SPDX licence ids`);
  }
}

/** A workspace's coverage thresholds: the repository's, with the workspace's own in place. */
export function coverageThresholds(config: RepoConfig, workspace: string): CoverageThresholds {
  return { ...config.coverage?.thresholds, ...config.coverage?.workspaces?.[workspace] };
}

/** Whether a tier's runs measure coverage: the configuration's tiers, unless ASSAY_COVERAGE says on or off. */
export function coverageOn(
  config: RepoConfig,
  tier: string,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const choice = env.ASSAY_COVERAGE;
  if (choice === 'on') return true;
  if (choice === 'off') return false;
  if (choice) throw new TierError(`invalid ASSAY_COVERAGE '${choice}': expected on or off`);
  return (config.coverage?.tiers ?? DEFAULT_COVERAGE.tiers).includes(tier);
}

/**
 * Loads the repository's configuration for a workspace folder; `{}` when there is none. Vite's own
 * config loader reads it — the way Vitest loads vitest.config.ts — so it may be TypeScript on any
 * Node the packages support, and import what it likes.
 */
export async function loadRepoConfig(dir: string): Promise<RepoConfig> {
  const file = findRepoConfig(dir);
  if (!file) return {};
  let loaded: { config: unknown } | null;
  try {
    loaded = await loadConfigFromFile({ command: 'serve', mode: 'test' }, file, dirname(file), 'silent');
  } catch (error) {
    throw new RepoConfigError(`${file}: cannot load it: ${(error as Error).message.split('\n', 1)[0]}`);
  }
  return validateRepoConfig(loaded?.config, file);
}

/** The tier model of the repository a workspace folder is in: its categories and tiers over the built-in ones. */
export async function loadTierModel(dir: string): Promise<TierModel> {
  return tierModel(await loadRepoConfig(dir));
}

/**
 * The variables the fixtures read for the configured services, for the test workers' environment;
 * a variable the user set wins over the file.
 */
export function serviceEnv(
  config: RepoConfig,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, { image }] of Object.entries(config.services ?? {})) {
    const variable = `ASSAY_${name.toUpperCase()}_IMAGE`;
    if (image && !env[variable]) vars[variable] = image;
  }
  return vars;
}
