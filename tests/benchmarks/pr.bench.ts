/**
 * Benchmark: the main job against plain Vitest, side by side in one run.
 *
 * 1. This repo, from a fresh clone with the toolchain installed: the PR tier cold (`make test-pr`, no
 *    turbo cache; as this repo's main job runs, without coverage), then coverage on and off side by
 *    side (ASSAY_COVERAGE=on, then ASSAY_BENCH_ROUND=2: ASSAY_* variables are part of the test tasks'
 *    turbo hashes, so both run cold with the builds cached), warm (a full cache hit), and plain
 *    Vitest running the same test
 *    files — one `vitest run` with `projects` over the workspaces (each project keeps its workspace's
 *    include, exclude and pool; the categories are plain tags and the PR tier's `--tags-filter` selects).
 * 2. A generated monorepo of many small files (20 workspaces × 5 files × 10 trivial tests): the tier
 *    (`turbo run test:pr`, no cache) against plain Vitest with `projects` over the same workspaces.
 *
 * The last line is JSON: { prColdSeconds, prCoverageOffSeconds, prCoverageOnSeconds, coverageOverheadRatio, prWarmSeconds,
 * plainVitestSeconds, overheadRatio, manyFilesTierSeconds, manyFilesPlainSeconds, manyFilesOverheadRatio }.
 * Goals on a 2-core machine: cold ≤ 120 s, warm ≤ 3 s, both ratios ≤ 1.3.
 *
 *   pnpm --filter @assay/platform-tests bench      (or: make bench-pr; --many-files-only for part 2 alone)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyInit, DEFAULT_MODEL, listWorkspaces, planInit } from '@assay/tiers';

const TESTS_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const REPO_ROOT = dirname(TESTS_DIR);
const WORKSPACES = 20;
const FILES = 5;
const TESTS_PER_FILE = 10;

interface Timed {
  readonly seconds: number;
  readonly output: string;
  readonly status: number | null;
}

function timed(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Timed {
  const start = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', TURBO_TELEMETRY_DISABLED: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const seconds = Math.round((performance.now() - start) / 100) / 10;
  return { seconds, output: result.stdout + result.stderr, status: result.status };
}

function must(step: string, result: Timed): Timed {
  if (result.status !== 0) throw new Error(`${step} failed (exit ${result.status}):\n${result.output.slice(-4000)}`);
  console.log(`${step}: ${result.seconds} s`);
  return result;
}

const lastLine = (output: string) => output.trimEnd().split('\n').at(-1);

/**
 * A Vitest config with one plain project per workspace: no preset, only the categories as tags. It is
 * written in `at`, a folder whose node_modules has Vitest (a pnpm root need not).
 */
async function writePlainConfig(root: string, folders: readonly string[], at = root): Promise<string> {
  const projects = [];
  for (const folder of folders) {
    const configFile = join(root, folder, 'vitest.config.ts');
    const workspaceConfig = ((await import(pathToFileURL(configFile).href)) as { default: { test?: object } }).default;
    const { pool, include, exclude } = (workspaceConfig.test ?? {}) as Record<string, unknown>;
    const name = folder;
    projects.push({
      test: { name, root: relative(at, join(root, folder)) || '.', pool, include, exclude, tags: '@TAGS@' },
    });
  }
  const tags = JSON.stringify(DEFAULT_MODEL.categories.map((name) => ({ name })));
  const file = join(at, 'vitest.plain.config.ts');
  writeFileSync(
    file,
    `import { defineConfig } from 'vitest/config';\nconst tags = ${tags};\nexport default defineConfig({ test: { tags, projects: ${JSON.stringify(
      projects,
    ).replaceAll('"@TAGS@"', 'tags')} } });\n`,
  );
  return file;
}

function plainVitest(config: string): Timed {
  const at = dirname(config);
  const vitest = join(at, 'node_modules', 'vitest', 'vitest.mjs');
  const filter = DEFAULT_MODEL.tagsFilterFor('pr').flatMap((expression) => ['--tags-filter', expression]);
  return timed(process.execPath, [vitest, 'run', '--config', config, ...filter], at);
}

/** The repo itself: a fresh clone, the toolchain installed, then cold, warm and plain runs. */
async function repoFigures(work: string) {
  const clone = join(work, 'clone');
  must('git clone', timed('git', ['clone', '-q', REPO_ROOT, clone], work));
  must('toolchain (make toolchain)', timed('make', ['toolchain'], clone));
  const cold = timed('make', ['test-pr'], clone);
  console.log(`PR tier, cold: ${cold.seconds} s — ${lastLine(cold.output)}`);
  const coverage = timed('make', ['test-pr'], clone, { ASSAY_COVERAGE: 'on' });
  console.log(`PR tier, cold, coverage on: ${coverage.seconds} s — ${lastLine(coverage.output)}`);
  const noCoverage = timed('make', ['test-pr'], clone, { ASSAY_BENCH_ROUND: '2' });
  console.log(`PR tier, cold, coverage off, as before: ${noCoverage.seconds} s — ${lastLine(noCoverage.output)}`);
  const warm = timed('make', ['test-pr'], clone);
  console.log(`PR tier, warm: ${warm.seconds} s — ${lastLine(warm.output)}`);
  const folders = (await listWorkspaces(clone)).map((w) => w.path).filter((p) => !p.includes('fixtures'));
  const plain = plainVitest(await writePlainConfig(clone, folders, join(clone, 'tests')));
  console.log(`plain Vitest, ${folders.length} projects: ${plain.seconds} s (exit ${plain.status})`);
  return { cold, noCoverage, coverage, warm, plain };
}

/**
 * A pnpm + turbo monorepo of many small workspaces, resolving its packages through this workspace's
 * node_modules, with the turbo tasks a user's `assay init` writes.
 */
async function manyFilesMonorepo(work: string): Promise<{ root: string; folders: string[] }> {
  const root = join(work, 'many');
  const folders: string[] = [];
  mkdirSync(root, { recursive: true });
  for (const file of ['tsconfig.base.json', '.node-version', '.gitignore']) {
    writeFileSync(join(root, file), spawnSync('git', ['show', `HEAD:${file}`], { cwd: REPO_ROOT }).stdout);
  }
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'many', private: true, packageManager: 'pnpm@12.18.0' }),
  );
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  symlinkSync(join(TESTS_DIR, 'node_modules'), join(root, 'node_modules'));
  for (let w = 0; w < WORKSPACES; w++) {
    const folder = `packages/w${String(w).padStart(2, '0')}`;
    folders.push(folder);
    mkdirSync(join(root, folder, 'test'), { recursive: true });
    writeFileSync(
      join(root, folder, 'package.json'),
      JSON.stringify({ name: `w${w}`, private: true, type: 'module', scripts: { 'test:pr': 'assay test --tier pr' } }),
    );
    writeFileSync(
      join(root, folder, 'vitest.config.ts'),
      "import { defineAssayConfig } from '@assay/tiers';\nexport default defineAssayConfig();\n",
    );
    for (let f = 0; f < FILES; f++) {
      const tests = Array.from(
        { length: TESTS_PER_FILE },
        (_, t) => `test('trivial ${t}', { tags: ['unit'] }, () => { expect(${t} + 1).toBe(${t + 1}); });`,
      );
      writeFileSync(
        join(root, folder, 'test', `f${f}.test.ts`),
        `import { expect, test } from 'vitest';\n${tests.join('\n')}\n`,
      );
    }
  }
  applyInit(root, await planInit(root));
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
    ['-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-qm', 'init'],
  ]) {
    must(`git ${args[0]}`, timed('git', args, root));
  }
  return { root, folders };
}

async function manyFilesFigures(work: string) {
  const { root, folders } = await manyFilesMonorepo(work);
  const turbo = join(root, 'node_modules', '.bin', 'turbo');
  const plainConfig = await writePlainConfig(root, folders);
  plainVitest(plainConfig); // warm Vite's transform cache and the disk so neither side pays it
  const tier = must(
    `many files: turbo run test:pr (${folders.length} workspaces)`,
    // Plain Vitest measures no coverage, so neither does the tier here (a user's default has it on).
    timed(turbo, ['run', 'test:pr', '--force'], root, { ASSAY_COVERAGE: 'off' }),
  );
  const plain = must('many files: plain Vitest with projects', plainVitest(plainConfig));
  return { tier, plain };
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const work = mkdtempSync(join(tmpdir(), 'assay-bench-pr-'));
try {
  const many = await manyFilesFigures(work);
  const repo = process.argv.includes('--many-files-only') ? undefined : await repoFigures(work);
  const figures = {
    ...(repo && {
      prColdSeconds: repo.cold.seconds,
      prCoverageOffSeconds: repo.noCoverage.seconds,
      prCoverageOnSeconds: repo.coverage.seconds,
      coverageOverheadRatio: ratio(repo.coverage.seconds, repo.noCoverage.seconds),
      prWarmSeconds: repo.warm.seconds,
      plainVitestSeconds: repo.plain.seconds,
      overheadRatio: ratio(repo.cold.seconds, repo.plain.seconds),
    }),
    manyFilesTierSeconds: many.tier.seconds,
    manyFilesPlainSeconds: many.plain.seconds,
    manyFilesOverheadRatio: ratio(many.tier.seconds, many.plain.seconds),
  };
  console.log(JSON.stringify(figures));
} finally {
  rmSync(work, { recursive: true, force: true });
}
