/** Paths and process helpers shared by the platform tests. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

export const TESTS_DIR = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const REPO_ROOT = dirname(TESTS_DIR);
export const BIN = join(TESTS_DIR, 'node_modules', '.bin');
export const SAMPLE_WORKSPACE = join(TESTS_DIR, 'fixtures', 'sample-workspace');

/**
 * Inside the test-runner image (tools/runner), as a Kubernetes shard runs: its toolchain and install
 * are built in, not bootstrapped, and a runner pod reaches its services only, not the npm registry.
 */
export const IN_RUNNER_IMAGE = process.env.ASSAY_RUNNER_IMAGE !== undefined;

export interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment for a child run: no variables of the run that started this one (the tier,
 * confirmations, turbo's own), so each child decides its own selection. Coverage is off unless a
 * test asks for it (`ASSAY_COVERAGE: ''` restores the tier's default): the tiers these tests run are
 * about selection, gates and reports, and measuring each would only slow them.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The services' URLs choose the external provider (as in a runner pod): each child chooses its own.
    if (/^(ASSAY_|TURBO_|VITEST|CI$|DATABASE_URL$|REDIS_URL$|MARIADB_URL$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, TURBO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ASSAY_COVERAGE: 'off', ...extra };
}

/**
 * Runs a command to its end. Asynchronous, so a test file's concurrent tests run their children side
 * by side; `timeoutMs` only ends a child that hangs, it is no measure of speed.
 */
export async function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
  timeoutMs = 300_000,
): Promise<Result> {
  const child = spawn(command, args, {
    cwd,
    env: cleanEnv(env),
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
}

export function assay(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Result> {
  return run(join(BIN, 'assay'), args, cwd, env);
}

/** A temporary folder removed when the current test ends (or by `afterUse`, for one shared by a suite). */
export function tempDir(prefix: string, afterUse: (cleanup: () => void) => void = onTestFinished): string {
  const dir = mkdtempSync(join(tmpdir(), `assay-${prefix}-`));
  afterUse(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A private copy of the sample workspace (so parallel tests never share reports), resolving its
 * packages through this workspace's node_modules. `files` adds or replaces files in it.
 */
export function sampleWorkspace(files: Record<string, string> = {}): string {
  const dir = tempDir('sample');
  cpSync(SAMPLE_WORKSPACE, dir, { recursive: true, filter: (src) => !/[/\\](\.vitest|node_modules)$/.test(src) });
  symlinkSync(join(TESTS_DIR, 'node_modules'), join(dir, 'node_modules'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export const GUARD_FILES = join(TESTS_DIR, 'fixtures', 'guard-files');

/** A sample workspace whose only tests are these files of fixtures/guard-files (deliberately bad code, mostly). */
export function guardWorkspace(...files: string[]): string {
  const dir = sampleWorkspace();
  rmSync(join(dir, 'test'), { recursive: true });
  cpSync(GUARD_FILES, join(dir, 'test'), {
    recursive: true,
    filter: (src) => src === GUARD_FILES || files.some((f) => src.endsWith(`/${f}`)),
  });
  return dir;
}
