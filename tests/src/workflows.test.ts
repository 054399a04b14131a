/**
 * @module-tag unit
 */

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { BIN, REPO_ROOT, run, tempDir } from './support/repo.ts';

const WORKFLOWS = join(REPO_ROOT, '.github', 'workflows');

function validate(file: string) {
  return run(join(BIN, 'action-validator'), [file], REPO_ROOT);
}

describe('GitHub Actions workflows validate against the workflow schema, offline', { meta: req('PLAT-004') }, () => {
  test('the repo has the pr, nightly and weekly workflows', async () => {
    expect(readdirSync(WORKFLOWS).sort()).toEqual(['nightly.yml', 'pr.yml', 'weekly.yml']);
  });

  test.each(['pr.yml', 'nightly.yml', 'weekly.yml'])('%s is valid', async (name) => {
    const result = await validate(join(WORKFLOWS, name));
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('the validator rejects a malformed workflow (so the checks above can fail)', async () => {
    const file = join(tempDir('workflow'), 'bad.yml');
    writeFileSync(
      file,
      'name: bad\non: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo\n',
    );
    const result = await validate(file);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("Additional property 'step' is not allowed");
  });
});
