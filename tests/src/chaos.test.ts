/**
 * The platform after a chaos test: a chaos file that stops the shared PostgreSQL leaves the next
 * file a healthy one. Chaos itself, so the chaos category (nightly, and `make test`).
 *
 * @module-tag chaos
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, guardWorkspace, TESTS_DIR, tempDir } from './support/repo.ts';

describe('after chaos', () => {
  test('a chaos file stops Postgres; the next file’s tests get a healthy database, and the restoration is logged', {
    meta: req('GRD-009'),
  }, async () => {
    const dir = guardWorkspace();
    cpSync(join(TESTS_DIR, 'fixtures', 'chaos-files'), join(dir, 'test'), { recursive: true });
    const services = tempDir('services');
    const result = await assay(['test', '--tier', 'nightly'], dir, {
      ASSAY_SERVICES_DIR: services,
      ASSAY_POSTGRES_PROVIDER: 'embedded',
      ASSAY_MAX_WORKERS: '1',
      ASSAY_SERVICE_LINGER_MS: '300',
    });
    const output = result.stdout + result.stderr;
    expect(result.status, output).toBe(0);
    expect(output).toMatch(
      /assay fixtures: postgres was restored by its keeper \(generation 2\); rebuilt the template assay_tpl_/,
    );
  });
});
