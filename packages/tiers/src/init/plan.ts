/**
 * `assay init` as a plan: every file Assay needs in a pnpm + turbo monorepo, each to create, to
 * update (keys or lines added to a file of the user's), already right, or different from what
 * Assay would write. Nothing is written here; `applyInit` writes a plan, and only its creates and
 * updates — a different file is replaced only when the plan was made with `force`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { listWorkspaces } from '../monorepo.ts';
import { isRecord } from '../records.ts';
import { loadTierModel, REPO_CONFIG_FILE } from '../repo-config.ts';
import {
  GITIGNORE_LINES,
  QUARANTINE,
  REPO_CONFIG,
  REQUIREMENTS,
  ROOT_SCRIPTS,
  tierScripts,
  turboTasks,
  VITEST_CONFIG,
  WORKFLOWS,
} from './templates.ts';

export type InitAction =
  /** The file is missing: it is written. */
  | 'create'
  /** Keys or lines are missing from the user's file: they are added, nothing else changes. */
  | 'update'
  /** The file already has what Assay needs. */
  | 'ok'
  /** The file (or a key Assay owns) differs from what Assay would write: left alone without --force. */
  | 'differs'
  /** Replaced because of --force. */
  | 'replace';

export interface InitChange {
  /** Relative to the monorepo root. */
  readonly path: string;
  readonly action: InitAction;
  /** What is added or what differs, in a few words. */
  readonly detail?: string;
  /** The file's new text, for create, update and replace. */
  readonly content?: string;
}

export interface InitOptions {
  /** Replace files and keys that differ from what Assay would write. */
  readonly force?: boolean;
}

/** Not a monorepo `assay init` can work in, or a file it cannot read: one line, exit code 2. */
export class InitError extends Error {
  override name = 'InitError';
  readonly exitCode = 2;
}

type Json = Record<string, unknown>;

function readJson(root: string, path: string): Json {
  try {
    const value: unknown = JSON.parse(readFileSync(join(root, path), 'utf8'));
    if (!isRecord(value)) throw new Error('not an object');
    return value as Json;
  } catch (error) {
    throw new InitError(`${path}: cannot read it as a JSON object (${(error as Error).message.split('\n', 1)[0]})`);
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A JSON file whose object at `key` must hold `wanted`: missing entries are added, differing ones reported. */
function mergeEntries(
  root: string,
  path: string,
  key: string,
  wanted: Readonly<Record<string, unknown>>,
  force: boolean,
  fresh?: Json,
): InitChange {
  const exists = existsSync(join(root, path));
  if (!exists && !fresh) throw new InitError(`${path} is missing`);
  const file = exists ? readJson(root, path) : (fresh as Json);
  const value = file[key] ?? {};
  if (!isRecord(value)) throw new InitError(`${path}: '${key}' is not an object`);
  const current = value as Record<string, unknown>;
  const missing = Object.keys(wanted).filter((name) => !(name in current));
  const different = Object.keys(wanted).filter(
    (name) => name in current && !isDeepStrictEqual(current[name], wanted[name]),
  );
  const merged = {
    ...file,
    [key]: {
      ...current,
      ...Object.fromEntries(Object.entries(wanted).filter(([name]) => missing.includes(name) || force)),
    },
  };
  if (!exists) return { path, action: 'create', detail: `${key} ${missing.join(', ')}`, content: json(merged) };
  if (different.length > 0 && force) {
    return {
      path,
      action: 'replace',
      detail: `${key} ${[...missing, ...different].join(', ')}`,
      content: json(merged),
    };
  }
  if (missing.length > 0) {
    const note = different.length > 0 ? `; ${key} ${different.join(', ')} differ (--force replaces them)` : '';
    return { path, action: 'update', detail: `adds ${key} ${missing.join(', ')}${note}`, content: json(merged) };
  }
  if (different.length > 0)
    return { path, action: 'differs', detail: `${key} ${different.join(', ')} (--force replaces)` };
  return { path, action: 'ok' };
}

/** A file Assay writes whole: created when missing, else left as it is unless forced. */
function wholeFile(root: string, path: string, content: string, force: boolean, differsUnless?: RegExp): InitChange {
  const file = join(root, path);
  if (!existsSync(file)) return { path, action: 'create', content };
  const current = readFileSync(file, 'utf8');
  if (current === content || differsUnless?.test(current)) return { path, action: 'ok' };
  return force ? { path, action: 'replace', content } : { path, action: 'differs', detail: '--force replaces it' };
}

/** Lines a text file must contain: appended when missing. */
function lines(root: string, path: string, wanted: readonly string[]): InitChange {
  const file = join(root, path);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const present = new Set(current.split(/\r?\n/).map((line) => line.trim()));
  const missing = wanted.filter((line) => !present.has(line) && !present.has(line.replace(/\/$/, '')));
  if (missing.length === 0) return { path, action: 'ok' };
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  return {
    path,
    action: current === '' ? 'create' : 'update',
    detail: `adds ${missing.join(', ')}`,
    content: `${current}${separator}${missing.join('\n')}\n`,
  };
}

/** A tier's CI workflow: one of the repository's own that already runs the tier's task will do. */
function workflow(root: string, tier: string, content: string, force: boolean): InitChange {
  const folder = join('.github', 'workflows');
  const path = join(folder, `assay-${tier}.yml`);
  const theirs = existsSync(join(root, folder))
    ? readdirSync(join(root, folder))
        .filter((name) => /\.ya?ml$/.test(name) && name !== `assay-${tier}.yml`)
        .find((name) => new RegExp(`test:${tier}(?![\\w:-])`).test(readFileSync(join(root, folder, name), 'utf8')))
    : undefined;
  if (theirs && !existsSync(join(root, path)))
    return { path: join(folder, theirs), action: 'ok', detail: `runs test:${tier}` };
  return wholeFile(root, path, content, force);
}

/** A workspace's Vitest config: any vitest.config.* or vite.config.* counts when it uses the preset. */
function vitestConfig(root: string, workspace: string, force: boolean): InitChange {
  const existing = ['vitest', 'vite']
    .flatMap((name) => ['ts', 'mts', 'js', 'mjs'].map((extension) => `${name}.config.${extension}`))
    .map((name) => join(workspace, name))
    .find((path) => existsSync(join(root, path)));
  const path = existing ?? join(workspace, 'vitest.config.ts');
  if (existing && !/@assay\/tiers/.test(readFileSync(join(root, existing), 'utf8'))) {
    return force
      ? { path, action: 'replace', content: VITEST_CONFIG }
      : { path, action: 'differs', detail: "does not use Assay's preset: wrap its config in defineAssayConfig()" };
  }
  return existing ? { path, action: 'ok' } : { path, action: 'create', content: VITEST_CONFIG };
}

/** Everything `assay init` would do at `root`, in a stable order. */
export async function planInit(root: string, options: InitOptions = {}): Promise<InitChange[]> {
  const force = options.force ?? false;
  for (const file of ['pnpm-workspace.yaml', 'package.json']) {
    if (!existsSync(join(root, file))) {
      throw new InitError(`no ${file} in ${root}: assay init works at the root of a pnpm monorepo`);
    }
  }
  const workspaces = (await listWorkspaces(root)).map((workspace) => workspace.path);
  // The tiers of the repository's assay.config.ts, when it has one: their tasks and scripts too.
  const model = await loadTierModel(root);
  const turboPath = 'turbo.json';
  if (existsSync(join(root, 'turbo.jsonc'))) {
    throw new InitError(
      'turbo.jsonc: assay init edits turbo.json only: rename it, or add the test:<tier> tasks by hand',
    );
  }
  const turbo = existsSync(join(root, turboPath)) ? readJson(root, turboPath) : undefined;
  const hasBuild = Boolean((turbo?.tasks as Json | undefined)?.build);
  const changes: InitChange[] = [
    wholeFile(root, REPO_CONFIG_FILE, REPO_CONFIG, force, /defineRepoConfig/),
    wholeFile(root, 'quarantine.yaml', QUARANTINE, force, /^schemaVersion: 1$/m),
    mergeEntries(root, 'package.json', 'scripts', ROOT_SCRIPTS, force),
    mergeEntries(root, turboPath, 'tasks', turboTasks(model, hasBuild), force, {
      $schema: 'https://turborepo.com/schema.json',
    }),
    lines(root, '.gitignore', GITIGNORE_LINES),
    ...Object.entries(WORKFLOWS).map(([tier, text]) => workflow(root, tier, text, force)),
  ];
  for (const workspace of workspaces) {
    changes.push(
      vitestConfig(root, workspace, force),
      mergeEntries(root, join(workspace, 'package.json'), 'scripts', tierScripts(model), force),
      wholeFile(root, join(workspace, 'requirements.yaml'), REQUIREMENTS, force, /^schemaVersion: 1$/m),
    );
  }
  return changes;
}
