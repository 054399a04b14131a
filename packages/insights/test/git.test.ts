import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { expect, test } from 'vitest';
import { revision } from '../src/git.ts';
import { tempDir } from './support/sample.ts';

test('the recorded version is the commit, marked with a hash of any edits on top', { meta: req('INS-003') }, () => {
  const dir = tempDir('git');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q');
  writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
  git('add', '-A');
  git('commit', '-qm', 'one');
  const sha = git('rev-parse', 'HEAD');
  expect(revision(dir, {}).sha).toBe(sha);

  writeFileSync(join(dir, 'a.ts'), 'export const a = 2;\n');
  const edited = revision(dir, {}).sha;
  expect(edited).toMatch(new RegExp(`^${sha}\\+dirty\\.[0-9a-f]{8}$`));
  writeFileSync(join(dir, 'a.ts'), 'export const a = 3;\n');
  expect(revision(dir, {}).sha).not.toBe(edited); // other edits, other code
  expect(revision(dir, { GITHUB_SHA: 'abc' }).sha).toBe('abc'); // CI says what it checked out
});
