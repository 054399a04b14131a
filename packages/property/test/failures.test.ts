/**
 * @module-tag integration
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { FailureDatabase, type FailureFile } from '../src/index.ts';
import { propertyWorkspace, runWorkspace, tempDir } from './support/workspace.ts';

function saved(dir: string): FailureFile {
  const folder = join(dir, 'property-failures');
  const [name] = readdirSync(folder);
  return JSON.parse(readFileSync(join(folder, name as string), 'utf8')) as FailureFile;
}

describe('the failure database', { meta: req('PROP-002') }, () => {
  test('a failure is saved, replayed first while it fails, marked fixed once it passes, cleared', () => {
    const dir = propertyWorkspace();

    const first = runWorkspace(dir, { SAMPLE_LIMIT: '700' });
    expect(first.status).toBe(1);
    expect(first.message).toMatch(
      /property failed after \d+ runs \(seed -?\d+, path "[\d:]+", shrunk \d+ times; saved to .*property-failures/,
    );
    expect(first.message).toContain('counterexample: [700]');
    const file = saved(dir);
    expect(file).toMatchObject({
      schemaVersion: 1,
      file: 'test/bounds.test.ts',
      property: 'integers stay under the limit',
    });
    expect(file.failures).toHaveLength(1);
    expect(file.failures[0]).toMatchObject({ counterexample: '[700]', fixedAt: null });

    // Still broken: the saved case is what fails, before any new case.
    const second = runWorkspace(dir, { SAMPLE_LIMIT: '700' });
    expect(second.status).toBe(1);
    expect(second.message).toContain(
      `saved failure still fails (replayed first from ${join(dir, 'property-failures')}): seed ${file.failures[0]?.seed}`,
    );

    // Fixed: the replay passes, the failure is marked fixed, the run goes on to new cases.
    const third = runWorkspace(dir);
    expect(third.status, third.message).toBe(0);
    expect(third.test?.meta).toMatchObject({ property: { replayed: 1, profile: 'default' } });
    expect(saved(dir).failures[0]?.fixedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    // A fixed failure is not replayed again, and --clear (the database's clearFixed) removes it.
    expect(runWorkspace(dir).test?.meta).toMatchObject({ property: { replayed: 0 } });
    expect(new FailureDatabase(join(dir, 'property-failures')).clearFixed()).toBe(1);
    expect(existsSync(join(dir, 'property-failures'))).toBe(true);
    expect(readdirSync(join(dir, 'property-failures'))).toEqual([]);
  }, 120_000);

  test('a corrupt failure file is a one-line error naming it', () => {
    const folder = tempDir('corrupt');
    writeFileSync(join(folder, 'x.json'), '{ nope');
    expect(() => new FailureDatabase(folder).list()).toThrow(
      `${join(folder, 'x.json')}: not valid JSON; fix it or delete it`,
    );
    writeFileSync(join(folder, 'x.json'), '{"schemaVersion": 3}');
    expect(() => new FailureDatabase(folder).list()).toThrow('not a property failure file of schema version 1');
  });
});
