/**
 * @module-tag integration
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, folder } from './support/cli.ts';

function workspaceWithFailures(): string {
  const dir = folder('property');
  writeFileSync(join(dir, 'package.json'), '{ "name": "@sample/app" }');
  mkdirSync(join(dir, 'property-failures'));
  const failure = (counterexample: string, fixedAt: string | null) => ({
    seed: 42,
    path: '3:1',
    counterexample,
    error: 'Property failed by returning false',
    savedAt: '2026-11-20T10:00:00.000Z',
    fixedAt,
  });
  writeFileSync(
    join(dir, 'property-failures', 'totals-1a2b3c4d.json'),
    JSON.stringify({
      schemaVersion: 1,
      file: 'test/order.test.ts',
      property: 'totals are never negative',
      failures: [failure('[[]]', null), failure('[[-1]]', '2026-11-21T10:00:00.000Z')],
    }),
  );
  return dir;
}

describe('assay property failures', { meta: req('PROP-002') }, () => {
  test('lists open and fixed failures; --clear removes the fixed ones', () => {
    const dir = workspaceWithFailures();
    const listed = assay(dir, 'property', 'failures');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(
      'open   test/order.test.ts › totals are never negative: [[]] (seed 42, path "3:1")',
    );
    expect(listed.stdout).toContain('fixed  test/order.test.ts › totals are never negative: [[-1]]');
    expect(JSON.parse(assay(dir, 'property', 'failures', '--json').stdout)[0]).toMatchObject({ schemaVersion: 1 });

    expect(assay(dir, 'property', 'failures', '--clear').stdout.trim()).toBe(
      'assay: removed 1 fixed property failures',
    );
    expect(assay(dir, 'property', 'failures').stdout).not.toContain('fixed');
    expect(readdirSync(join(dir, 'property-failures'))).toEqual(['totals-1a2b3c4d.json']);
  });

  test('bad input: a wrong subcommand, a corrupt failure file', () => {
    const dir = workspaceWithFailures();
    expect(assay(dir, 'property', 'list')).toMatchObject({
      code: 2,
      stderr: "assay: expected 'assay property failures', got 'assay property list'\n",
    });
    writeFileSync(join(dir, 'property-failures', 'broken.json'), '{');
    const corrupt = assay(dir, 'property', 'failures');
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/^assay: .*property-failures\/broken\.json: not valid JSON; fix it or delete it\n$/);
  });
});
