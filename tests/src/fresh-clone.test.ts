/**
 * @module-tag slow
 */
import { join } from 'node:path';
import { req } from '@assay/trace';
import { expect, test } from 'vitest';
import { REPO_ROOT, run, tempDir } from './support/repo.ts';

// A new contributor's first steps: clone, then `make test-pr` with only the machine's own tools.
test('make test-pr passes on a fresh clone with nothing but the machine’s tools', {
  meta: req('PLAT-001'),
  timeout: 900_000,
}, async () => {
  const clone = join(tempDir('clone'), 'assay');
  expect((await run('git', ['clone', '-q', REPO_ROOT, clone], REPO_ROOT)).status).toBe(0);
  const result = await run('make', ['test-pr'], clone, { PATH: '/usr/local/bin:/usr/bin:/bin' }, 840_000);
  expect(result.status, result.stdout.slice(-3000) + result.stderr.slice(-3000)).toBe(0);
  expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^assay: [1-9]\d* passed, 0 failed, \d+ skipped$/);
});
