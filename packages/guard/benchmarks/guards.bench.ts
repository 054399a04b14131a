/**
 * Benchmark: 5,000 trivial tests (50 files of 100) run by Vitest with the Assay preset, with the
 * guards on and off (ASSAY_GUARDS), and — for the choice the leak guard made — off but with Vitest's
 * own --detect-async-leaks, alternating, three runs each.
 * The last line is JSON: { overheadPerTestMs, ratio, detectAsyncLeaksRatio } (medians; goals ≤ 1 ms and ≤ 1.15).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILES = 50;
const TESTS_PER_FILE = 100;
const ROUNDS = 3;
const here = dirname(fileURLToPath(import.meta.url));
// Inside the package, so the workspace resolves vitest and @assay/tiers like any workspace would.
const dir = join(here, '..', '.bench');
const vitest = join(here, '..', 'node_modules', 'vitest', 'vitest.mjs');

rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'test'), { recursive: true });
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'guard-bench', private: true, type: 'module' }));
writeFileSync(
  join(dir, 'vitest.config.ts'),
  "import { defineAssayConfig } from '@assay/tiers';\nexport default defineAssayConfig({ test: { reporters: ['dot'] } });\n",
);
for (let f = 0; f < FILES; f++) {
  const tests = Array.from(
    { length: TESTS_PER_FILE },
    (_, t) => `test('trivial ${t}', () => { expect(${t} + 1).toBe(${t + 1}); });`,
  );
  writeFileSync(
    join(dir, 'test', `file-${f}.test.ts`),
    `import { expect, test } from 'vitest';\n${tests.join('\n')}\n`,
  );
}

function run(guards: 'on' | 'off', ...flags: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [vitest, 'run', ...flags], {
    cwd: dir,
    env: { ...process.env, ASSAY_GUARDS: guards, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`vitest failed with guards ${guards}: ${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`);
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
try {
  run('off'); // warm the transform cache so neither side pays it
  const on: number[] = [];
  const off: number[] = [];
  const vitestLeaks: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    off.push(run('off'));
    on.push(run('on'));
    vitestLeaks.push(run('off', '--detect-async-leaks'));
  }
  const tests = FILES * TESTS_PER_FILE;
  const overheadPerTestMs = Math.round(((median(on) - median(off)) / tests) * 1000) / 1000;
  const ratio = Math.round((median(on) / median(off)) * 1000) / 1000;
  const detectAsyncLeaksRatio = Math.round((median(vitestLeaks) / median(off)) * 1000) / 1000;
  console.log(`${tests} tests in ${FILES} files, ${ROUNDS} runs each, alternating`);
  console.log(`guards off: ${off.map((ms) => Math.round(ms)).join(', ')} ms (median ${Math.round(median(off))})`);
  console.log(`guards on:  ${on.map((ms) => Math.round(ms)).join(', ')} ms (median ${Math.round(median(on))})`);
  console.log(
    `vitest --detect-async-leaks, guards off: ${vitestLeaks.map((ms) => Math.round(ms)).join(', ')} ms (median ${Math.round(median(vitestLeaks))})`,
  );
  console.log(
    `guards: overhead ${overheadPerTestMs} ms per test (goal ≤ 1), ratio ${ratio} (goal ≤ 1.15); --detect-async-leaks ratio ${detectAsyncLeaksRatio}`,
  );
  console.log(JSON.stringify({ overheadPerTestMs, ratio, detectAsyncLeaksRatio }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
