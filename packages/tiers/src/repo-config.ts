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
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const REPO_CONFIG_FILE = 'assay.config.ts';

export interface ServiceSettings {
  /** The image the container provider starts (ASSAY_<SERVICE>_IMAGE overrides it). */
  readonly image?: string;
}

export interface RepoConfig {
  readonly services?: { readonly postgres?: ServiceSettings; readonly redis?: ServiceSettings };
}

const SERVICES = ['postgres', 'redis'] as const;

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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
  checkKeys(value, ['services'], '', file);
  if (value.services === undefined) return value;
  if (!isRecord(value.services)) throw new RepoConfigError(`${file}: 'services' must be an object`);
  checkKeys(value.services, SERVICES, 'services.', file);
  for (const [name, service] of Object.entries(value.services)) {
    if (!isRecord(service)) throw new RepoConfigError(`${file}: 'services.${name}' must be an object`);
    checkKeys(service, ['image'], `services.${name}.`, file);
    if (service.image !== undefined && (typeof service.image !== 'string' || service.image === '')) {
      throw new RepoConfigError(`${file}: 'services.${name}.image' must be a non-empty string`);
    }
  }
  return value as RepoConfig;
}

/** Loads the repository's configuration for a workspace folder; `{}` when there is none. */
export function loadRepoConfig(dir: string): RepoConfig {
  const file = findRepoConfig(dir);
  if (!file) return {};
  let loaded: { default?: unknown };
  try {
    // Synchronous, so the preset stays a plain function: Node loads the TypeScript module itself.
    loaded = createRequire(file)(file) as { default?: unknown };
  } catch (error) {
    throw new RepoConfigError(`${file}: cannot load it: ${(error as Error).message.split('\n', 1)[0]}`);
  }
  return validateRepoConfig(loaded.default, file);
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
  for (const name of SERVICES) {
    const variable = `ASSAY_${name.toUpperCase()}_IMAGE`;
    const image = config.services?.[name]?.image;
    if (image && !env[variable]) vars[variable] = image;
  }
  return vars;
}
