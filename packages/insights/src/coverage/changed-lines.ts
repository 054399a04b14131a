/**
 * Changed-lines coverage: of the executable lines a branch changed against its merge base, the share
 * that tests ran. Lines are taken from `git diff` (the work tree against the merge base, so a local
 * run counts edits not yet committed); whether a line is executable, and ran, from the merged
 * coverage. Changed files outside the coverage (tests, docs, configuration) do not count.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CoverageMap } from '@vitest/istanbul-lib-coverage';

export class ChangedLinesError extends Error {
  override name = 'ChangedLinesError';
  readonly exitCode = 2;
}

/** Lines added or changed, per file relative to the repository root. */
export type ChangedLines = ReadonlyMap<string, readonly number[]>;

export interface UncoveredChange {
  readonly file: string;
  readonly lines: readonly number[];
}

export interface ChangedLinesCoverage {
  readonly base: string;
  readonly mergeBase: string;
  /** Executable changed lines, and how many of them ran. */
  readonly total: number;
  readonly covered: number;
  /** 0–100, two decimals; null when the change has no executable line. */
  readonly pct: number | null;
  readonly uncovered: readonly UncoveredChange[];
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n', 1)[0];
    throw new ChangedLinesError(`git ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}

/** `git diff -U0` output as the new side's changed line numbers per file. */
export function parseDiff(diff: string): ChangedLines {
  const changed = new Map<string, number[]>();
  let current: number[] | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = line.slice(4);
      current = path === '/dev/null' ? undefined : [];
      if (current) changed.set(path.replace(/^b\//, ''), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.push(n);
    }
  }
  return changed;
}

/** The merge base of HEAD with `base`, and the lines changed since it. */
export function changedLines(repoRoot: string, base: string): { mergeBase: string; lines: ChangedLines } {
  const mergeBase = git(['merge-base', base, 'HEAD'], repoRoot).trim();
  const lines = new Map(parseDiff(git(['diff', '-U0', '--no-color', '--no-ext-diff', mergeBase], repoRoot)));
  // A new file not yet added is wholly changed; `git diff` does not list it.
  for (const file of git(['ls-files', '--others', '--exclude-standard'], repoRoot).split('\n').filter(Boolean)) {
    const count = readFileSync(join(repoRoot, file), 'utf8').split('\n').length;
    lines.set(
      file,
      Array.from({ length: count }, (_, i) => i + 1),
    );
  }
  return { mergeBase, lines };
}

export function changedLinesCoverage(
  map: CoverageMap,
  repoRoot: string,
  change: { base: string; mergeBase: string; lines: ChangedLines },
): ChangedLinesCoverage {
  const covered = new Set(map.files());
  let total = 0;
  let ran = 0;
  const uncovered: UncoveredChange[] = [];
  for (const [file, lines] of change.lines) {
    const absolute = join(repoRoot, file);
    if (!covered.has(absolute)) continue;
    const hits = map.fileCoverageFor(absolute).getLineCoverage();
    const missed: number[] = [];
    for (const line of lines) {
      const count = hits[line];
      if (count === undefined) continue; // not executable: a comment, a type, a blank line
      total += 1;
      if (count > 0) ran += 1;
      else missed.push(line);
    }
    if (missed.length > 0) uncovered.push({ file: relative(repoRoot, absolute), lines: missed });
  }
  return {
    base: change.base,
    mergeBase: change.mergeBase,
    total,
    covered: ran,
    pct: total === 0 ? null : Math.round((ran / total) * 10_000) / 100,
    uncovered,
  };
}

/** `12-15, 18` for [12, 13, 14, 15, 18]. */
export function lineRanges(lines: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && (lines[j + 1] as number) === (lines[j] as number) + 1) j++;
    ranges.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}

/** The result as Markdown, for a CI job summary. */
export function changedLinesMarkdown(result: ChangedLinesCoverage, threshold: number | undefined): string {
  const head =
    result.pct === null
      ? `No executable line changed since ${result.base} (${result.mergeBase.slice(0, 10)}).`
      : `**${result.pct} %** of the ${result.total} executable lines changed since ${result.base} ran in tests` +
        (threshold === undefined ? '.' : ` (threshold ${threshold} %).`);
  const rows = result.uncovered.map((u) => `| \`${u.file}\` | ${lineRanges(u.lines)} |`);
  return [
    '## Changed-lines coverage',
    '',
    head,
    ...(rows.length ? ['', '| Uncovered file | Lines |', '| --- | --- |', ...rows] : []),
    '',
  ].join('\n');
}
