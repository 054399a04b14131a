/**
 * @module-tag unit
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { createCoverageMap, type FileCoverageData } from '@vitest/istanbul-lib-coverage';
import { describe, expect, test } from 'vitest';
import {
  ChangedLinesError,
  COVERAGE_REPORT_DIR,
  changedLines,
  changedLinesCoverage,
  changedLinesMarkdown,
  coverageBadge,
  formatShortfall,
  lineRanges,
  parseDiff,
  readCoverageReport,
  readWorkspaceCoverage,
  shortfalls,
  workspaceCoverage,
  writeCoverageReport,
  writeWorkspaceCoverage,
} from '../src/index.ts';
import { tempDir } from './support/sample.ts';

/** istanbul coverage of one file whose statement on line N ran hits[N] times (one statement a line). */
function fileCoverage(path: string, hits: Readonly<Record<number, number>>): FileCoverageData {
  const statementMap: FileCoverageData['statementMap'] = {};
  const s: FileCoverageData['s'] = {};
  for (const [line, count] of Object.entries(hits)) {
    statementMap[line] = { start: { line: Number(line), column: 0 }, end: { line: Number(line), column: 10 } };
    s[line] = count;
  }
  return { path, statementMap, s, fnMap: {}, f: {}, branchMap: {}, b: {} };
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });

describe('coverage totals and thresholds', { meta: req('INS-010') }, () => {
  test('a metric below its threshold is a shortfall naming the workspace and the metric', () => {
    const map = createCoverageMap({ '/r/src/a.ts': fileCoverage('/r/src/a.ts', { 1: 1, 2: 1, 3: 0, 4: 0 }) });
    const { totals } = workspaceCoverage(map, '@sample/app', '/r');
    expect(totals.lines).toEqual({ covered: 2, total: 4, pct: 50 });
    // No function or branch at all counts as fully covered.
    expect(totals.functions.pct).toBe(100);
    const found = shortfalls(totals, { lines: 80, functions: 90, statements: 50 });
    expect(found).toEqual([{ metric: 'lines', pct: 50, threshold: 80 }]);
    expect(formatShortfall('@sample/app', found[0] as (typeof found)[0])).toBe(
      'coverage of @sample/app: lines 50 % is below its threshold of 80 %',
    );
  });
});

describe('the merged report', { meta: req('INS-010') }, () => {
  test("a workspace's coverage written in one checkout is merged right in another (a turbo cache replay)", async () => {
    const first = tempDir('checkout-a');
    const second = tempDir('checkout-b');
    for (const root of [first, second]) {
      mkdirSync(join(root, 'packages/a/src'), { recursive: true });
      mkdirSync(join(root, 'packages/b/src'), { recursive: true });
      writeFileSync(join(root, 'packages/a/src/a.ts'), 'export const a = 1;\nexport const b = 2;\n');
      writeFileSync(join(root, 'packages/b/src/b.ts'), 'export const c = 3;\n');
    }
    // Workspace a ran in the first checkout; its coverage file travels in turbo's cache.
    const a = join(first, 'packages/a/src/a.ts');
    writeWorkspaceCoverage(
      join(first, 'packages/a'),
      workspaceCoverage(createCoverageMap({ [a]: fileCoverage(a, { 1: 1, 2: 0 }) }), '@r/a', first),
    );
    const cached = readWorkspaceCoverage(join(first, 'packages/a'));
    expect(Object.keys(cached?.files ?? {})).toEqual(['packages/a/src/a.ts']);
    // Workspace b ran in the second.
    const b = join(second, 'packages/b/src/b.ts');
    const fresh = workspaceCoverage(createCoverageMap({ [b]: fileCoverage(b, { 1: 1 }) }), '@r/b', second);

    const report = await writeCoverageReport([cached as NonNullable<typeof cached>, fresh], second);
    expect(report).toMatchObject({ workspaces: 2, files: 2, totals: { lines: { covered: 2, total: 3 } } });
    const dir = join(second, COVERAGE_REPORT_DIR);
    const lcov = readFileSync(join(dir, 'lcov.info'), 'utf8');
    expect(lcov).toContain('SF:packages/a/src/a.ts');
    expect(lcov).toContain('SF:packages/b/src/b.ts');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(/href="a\/src\/index.html"/);
    expect(JSON.parse(readFileSync(join(dir, 'coverage-summary.json'), 'utf8')).total.lines.pct).toBeCloseTo(66.66, 1);
    expect(readFileSync(join(dir, 'badge.svg'), 'utf8')).toContain('coverage: 66.7%');
    expect(readCoverageReport(second).files().sort()).toEqual([join(second, 'packages/a/src/a.ts'), b]);
  });

  test('the badge is an SVG with the figure as text and a colour by band', () => {
    expect(coverageBadge(93.2)).toMatch(/^<svg [^>]*aria-label="coverage: 93\.2%"/);
    expect(coverageBadge(93.2)).toContain('#4c1');
    expect(coverageBadge(42)).toContain('#e05d44');
  });

  test('without a merged report, changed-lines coverage says what to run first', () => {
    expect(() => readCoverageReport(tempDir('no-report'))).toThrow(ChangedLinesError);
    expect(() => readCoverageReport(tempDir('no-report'))).toThrow(/run a tier that measures coverage/);
  });
});

describe('changed-lines coverage', { meta: req('INS-010') }, () => {
  test('diff hunks become the new side’s line numbers; deleted files and pure deletions add none', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3,0 +4,2 @@',
      '+x',
      '+y',
      '@@ -10 +12 @@',
      '-old',
      '+new',
      '@@ -20,2 +21,0 @@',
      'diff --git a/src/gone.ts b/src/gone.ts',
      '--- a/src/gone.ts',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@',
    ].join('\n');
    expect([...parseDiff(diff)]).toEqual([['src/a.ts', [4, 5, 12]]]);
    expect(lineRanges([1, 2, 3, 7, 9, 10])).toBe('1-3, 7, 9-10');
  });

  test('an untested new branch fails the share and is listed; testing it passes', () => {
    const root = tempDir('changed');
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/price.ts'), 'export function price(n) {\n  return n * 2;\n}\n');
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'base');
    git(root, 'checkout', '-qb', 'feature');
    writeFileSync(
      join(root, 'src/price.ts'),
      'export function price(n) {\n  if (n < 0) {\n    throw new Error("negative");\n  }\n  return n * 2;\n}\n',
    );
    // A new file, not yet added to git, is wholly changed.
    writeFileSync(join(root, 'src/tax.ts'), 'export const tax = 0.2;\n');
    const change = { base: 'main', ...changedLines(root, 'main') };
    expect([...change.lines].sort()).toEqual([
      ['src/price.ts', [2, 3, 4]],
      ['src/tax.ts', [1, 2]],
    ]);
    const path = join(root, 'src/price.ts');
    const tax = join(root, 'src/tax.ts');
    // Tests ran lines 1, 2 and 5 (the new `if`, not its throw), and the new file's one statement.
    const untested = createCoverageMap({
      [path]: fileCoverage(path, { 1: 1, 2: 1, 3: 0, 5: 1 }),
      [tax]: fileCoverage(tax, { 1: 1 }),
    });
    const before = changedLinesCoverage(untested, root, change);
    expect(before).toMatchObject({
      total: 3,
      covered: 2,
      pct: 66.67,
      uncovered: [{ file: 'src/price.ts', lines: [3] }],
    });
    expect(changedLinesMarkdown(before, 80)).toContain('| `src/price.ts` | 3 |');

    const tested = createCoverageMap({
      [path]: fileCoverage(path, { 1: 2, 2: 2, 3: 1, 5: 1 }),
      [tax]: fileCoverage(tax, { 1: 1 }),
    });
    expect(changedLinesCoverage(tested, root, change)).toMatchObject({ total: 3, covered: 3, pct: 100, uncovered: [] });
  });

  test('an unknown base is one line naming the git command', () => {
    const root = tempDir('no-base');
    git(root, 'init', '-q');
    expect(() => changedLines(root, 'origin/nowhere')).toThrow(/^git merge-base origin\/nowhere HEAD failed: /);
  });
});
