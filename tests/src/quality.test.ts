/**
 * Coverage and mutation testing as a user's monorepo gets them: a two-workspace sample monorepo run through turbo and
 * `assay summary`, exactly as `make test-pr` runs a tier. This repository's category `monorepo-e2e`
 * (assay.config.ts): whole tiers of sample monorepos are slow, so `make test` runs them after the PR tier.
 *
 * @module-tag monorepo-e2e
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, BIN, REPO_ROOT, type Result, run, TESTS_DIR, tempDir } from './support/repo.ts';

const CONFIG = `import { defineRepoConfig } from '@assay/tiers/config';
export default defineRepoConfig({
  coverage: { thresholds: { lines: 60 }, workspaces: { '@s/app': { lines: 90 } }, changedLines: 100 },
});
`;

const TURBO = {
  $schema: 'https://turbo.build/schema.json',
  tasks: {
    'test:pr': {
      env: ['ASSAY_*', '!ASSAY_SESSION', 'CI'],
      inputs: ['$TURBO_DEFAULT$', '!.vitest/**', '$TURBO_ROOT$/assay.config.ts'],
      outputs: ['.vitest/**'],
    },
  },
};

/** A workspace with a source file and its test; the test covers what `covered` calls. */
function workspace(root: string, name: string, source: string, test: string): void {
  const dir = join(root, 'packages', name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'test'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: `@s/${name}`,
      private: true,
      type: 'module',
      scripts: { 'test:pr': 'assay test --tier pr' },
    }),
  );
  writeFileSync(
    join(dir, 'vitest.config.ts'),
    "import { defineAssayConfig } from '@assay/tiers';\nexport default defineAssayConfig();\n",
  );
  writeFileSync(join(dir, `src/${name}.ts`), source);
  writeFileSync(join(dir, `test/${name}.test.ts`), `/**\n * @module-tag unit\n */\n${test}`);
}

const git = (root: string, ...args: string[]) =>
  run('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], root);

async function monorepo(): Promise<string> {
  const root = tempDir('quality');
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string };
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'q', private: true, packageManager: manifest.packageManager }),
  );
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  writeFileSync(join(root, 'turbo.json'), JSON.stringify(TURBO));
  writeFileSync(join(root, 'assay.config.ts'), CONFIG);
  writeFileSync(join(root, '.gitignore'), '.vitest/\n.assay/\n.turbo/\nnode_modules\n');
  symlinkSync(join(TESTS_DIR, 'node_modules'), join(root, 'node_modules'));
  // app: one of its two functions tested (lines 50 % < its own 90 %); lib: fully tested (≥ 60 %).
  workspace(
    root,
    'app',
    'export function price(n: number): number {\n  return n * 2;\n}\n\nexport function refund(n: number): number {\n  return -n;\n}\n',
    "import { expect, test } from 'vitest';\nimport { price } from '../src/app.ts';\ntest('price', () => expect(price(2)).toBe(4));\n",
  );
  workspace(
    root,
    'lib',
    'export function tax(n: number): number {\n  return n / 5;\n}\n',
    "import { expect, test } from 'vitest';\nimport { tax } from '../src/lib.ts';\ntest('tax', () => expect(tax(10)).toBe(2));\n",
  );
  await git(root, 'init', '-q', '-b', 'main');
  await git(root, 'add', '-A');
  await git(root, 'commit', '-qm', 'init');
  return root;
}

/** The PR tier as `make test-pr` runs it: turbo, then the summary (which merges the coverage). */
async function tier(root: string): Promise<{ turbo: Result; summary: Result }> {
  const since = Date.now();
  // Coverage as the tier's default has it (on in the PR tier), not off as for the other platform tests.
  const env = { ASSAY_SESSION: String(since), ASSAY_COVERAGE: '' };
  const turbo = await run(join(BIN, 'turbo'), ['run', 'test:pr', '--continue'], root, env);
  const summary = await assay(['summary', '--tier', 'pr', '--since', String(since)], root, { ASSAY_COVERAGE: '' });
  return { turbo, summary };
}

describe('coverage on a sample monorepo', { meta: req('PLAT-007', 'INS-010') }, () => {
  test('a workspace under its threshold fails naming the metric; a cached one stays in the merged report; the changed-lines gate fails on an untested branch, then passes', async () => {
    const root = await monorepo();
    const first = await tier(root);
    expect(first.summary.status).toBe(1);
    expect(first.summary.stdout).toContain('COVERAGE coverage of @s/app: lines 50 % is below its threshold of 90 %');
    expect(first.summary.stdout).toMatch(/coverage of 2 workspaces: lines 66.67 %/);

    // The app's other function tested too: lib has not changed, so turbo replays it from its cache.
    writeFileSync(
      join(root, 'packages/app/test/app.test.ts'),
      "import { expect, test } from 'vitest';\nimport { price, refund } from '../src/app.ts';\ntest('price', () => expect(price(2)).toBe(4));\ntest('refund', () => expect(refund(2)).toBe(-2));\n",
    );
    await git(root, 'commit', '-qam', 'test refunds');
    const second = await tier(root);
    expect(second.summary.status, second.summary.stdout).toBe(0);
    expect(second.summary.stdout).toMatch(/@s\/lib +1 +0 +0 +0 +cached/);
    const lcov = readFileSync(join(root, '.assay/reports/coverage/lcov.info'), 'utf8');
    expect(lcov).toContain('SF:packages/lib/src/lib.ts');
    expect(lcov).toContain('SF:packages/app/src/app.ts');
    expect(readFileSync(join(root, '.assay/reports/coverage/badge.svg'), 'utf8')).toContain('coverage: 100.0%');

    // A branch adds a case to tax that no test runs.
    await git(root, 'checkout', '-qb', 'feature');
    writeFileSync(
      join(root, 'packages/lib/src/lib.ts'),
      'export function tax(n: number): number {\n  if (n < 0) {\n    throw new Error("negative");\n  }\n  return n / 5;\n}\n',
    );
    await git(root, 'commit', '-qam', 'negative amounts');
    await tier(root);
    const untested = await assay(['coverage', 'changed', '--base', 'main'], root);
    expect(untested.status).toBe(1);
    expect(untested.stdout).toContain('not run: packages/lib/src/lib.ts: 3');
    expect(untested.stdout).toContain('of 2 changed lines ran in tests (threshold 100 %): FAILED');

    writeFileSync(
      join(root, 'packages/lib/test/lib.test.ts'),
      "import { expect, test } from 'vitest';\nimport { tax } from '../src/lib.ts';\ntest('tax', () => expect(tax(10)).toBe(2));\ntest('negative', () => expect(() => tax(-1)).toThrow('negative'));\n",
    );
    await git(root, 'commit', '-qam', 'test it');
    await tier(root);
    const tested = await assay(['coverage', 'changed', '--base', 'main'], root);
    expect(tested.status, tested.stdout).toBe(0);
    expect(tested.stdout).toContain('assay coverage: 100 % of 2 changed lines ran in tests (threshold 100 %)');
  });
});

describe('mutation testing on a sample monorepo', { meta: req('PLAT-008', 'INS-009') }, () => {
  test('the first score is the baseline; a weakened test lets a mutant live and the next run fails naming it', async () => {
    const root = await monorepo();
    writeFileSync(
      join(root, 'assay.config.ts'),
      "import { defineRepoConfig } from '@assay/tiers/config';\nexport default defineRepoConfig({ mutation: { workspaces: { '@s/lib': ['src/lib.ts'] }, margin: 5 } });\n",
    );
    writeFileSync(
      join(root, 'packages/lib/src/lib.ts'),
      'export function isPositive(n: number): boolean {\n  return n > 0;\n}\n',
    );
    const strict =
      "import { expect, test } from 'vitest';\nimport { isPositive } from '../src/lib.ts';\ntest('sign', () => {\n  expect(isPositive(1)).toBe(true);\n  expect(isPositive(0)).toBe(false);\n  expect(isPositive(-1)).toBe(false);\n});\n";
    writeFileSync(join(root, 'packages/lib/test/lib.test.ts'), strict);
    const first = await assay(['mutate'], root);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /assay mutate: mutation score of @s\/lib: 100 % \(\d+ detected, 0 survived, 0 not covered; its first recorded score\)/,
    );

    // Without the boundary case, `n >= 0` passes the tests.
    writeFileSync(
      join(root, 'packages/lib/test/lib.test.ts'),
      strict.replace('  expect(isPositive(0)).toBe(false);\n', ''),
    );
    const second = await assay(['mutate'], root);
    expect(second.status).toBe(1);
    expect(second.stdout).toMatch(
      /assay mutate: FAILED: mutation score of @s\/lib fell to [\d.]+ %, more than 5 points below its baseline of 100 % .*surviving mutants: packages\/lib\/src\/lib\.ts:2 EqualityOperator/,
    );
    const history = await assay(['insights', 'mutation'], root);
    expect(history.stdout).toMatch(/@s\/lib › score: [\d.]+ % \(no baseline yet, 2 runs\)/);
  });
});
