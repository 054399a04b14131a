/**
 * @module-tag unit
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, parse } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import {
  FAILURES_DIR,
  FailureDatabase,
  FailureDatabaseError,
  type FailureFile,
  type SavedFailure,
  workspaceOf,
} from '../src/node.ts';
import { tempDir } from './support/workspace.ts';

/** A folder holding a package.json: a workspace. */
function workspace(prefix: string): string {
  const dir = tempDir(prefix);
  writeFileSync(join(dir, 'package.json'), '{ "name": "@sample/properties" }');
  return dir;
}

function failure(seed: number, fixedAt: string | null = null): SavedFailure {
  return {
    seed,
    path: `${seed}:0`,
    counterexample: `[${seed}]`,
    error: 'Property failed by returning false',
    savedAt: '2025-01-01T00:00:00.000Z',
    fixedAt,
  };
}

function failureFile(property: string, failures: SavedFailure[]): FailureFile {
  return { schemaVersion: 1, file: 'test/orders.test.ts', property, failures };
}

const FIXED = '2025-02-01T00:00:00.000Z';

/** What read() throws for `file`, or a failure of the test when it does not throw. */
function readError(db: FailureDatabase, file: string): FailureDatabaseError {
  try {
    db.read(file);
  } catch (error) {
    return error as FailureDatabaseError;
  }
  throw new Error(`${file} was read without an error`);
}

describe('where failures are kept', { meta: req('PROP-002') }, () => {
  test('the workspace of a test file is the nearest folder above it with a package.json', () => {
    const root = workspace('workspace-of');
    expect(workspaceOf(join(root, 'bounds.test.ts'))).toBe(root);
    expect(workspaceOf(join(root, 'test', 'orders', 'totals.test.ts'))).toBe(root);

    const nested = join(root, 'packages', 'orders');
    mkdirSync(join(nested, 'test'), { recursive: true });
    writeFileSync(join(nested, 'package.json'), '{}');
    expect(workspaceOf(join(nested, 'test', 'totals.test.ts'))).toBe(nested);
  });

  test('a test file with no package.json above it stops at the filesystem root', () => {
    const folder = tempDir('no-workspace');
    expect(workspaceOf(join(folder, 'test', 'totals.test.ts'))).toBe(parse(folder).root);
  });

  test("a test's database is its workspace's property-failures folder", () => {
    const root = workspace('for-test');
    expect(FAILURES_DIR).toBe('property-failures');
    expect(FailureDatabase.forTest(join(root, 'test', 'orders', 'totals.test.ts')).dir).toBe(
      join(root, 'property-failures'),
    );
  });

  test('one file per property, named from the property, unique by its test file and full name', () => {
    const root = workspace('file-for');
    const db = FailureDatabase.forTest(join(root, 'test', 'totals.test.ts'));
    const fileFor = (property: string, testFile = 'test/totals.test.ts') => db.fileFor(join(root, testFile), property);

    expect(dirname(fileFor('totals never go negative'))).toBe(db.dir);
    expect(basename(fileFor('Integers stay under the limit'))).toMatch(
      /^integers-stay-under-the-limit-[0-9a-f]{8}\.json$/,
    );
    // Runs of anything but letters and digits are one dash, none at either end.
    expect(basename(fileFor('  Totals: never go NEGATIVE!! '))).toMatch(/^totals-never-go-negative-[0-9a-f]{8}\.json$/);
    // A long name is cut to its first 48 characters.
    expect(basename(fileFor('the order totals never go negative whatever lines, discounts and taxes'))).toMatch(
      /^the-order-totals-never-go-negative-whatever-line-[0-9a-f]{8}\.json$/,
    );
    // A cut just after a dash leaves no dash of its own before the id's.
    expect(basename(fileFor('the order totals never go negative whatever the, discounts'))).toMatch(
      /^the-order-totals-never-go-negative-whatever-the-[0-9a-f]{8}\.json$/,
    );

    // Names that read the same, and one name in two test files, are still two files.
    expect(fileFor('totals: never negative')).not.toBe(fileFor('totals never negative'));
    expect(fileFor('totals never negative', 'test/a.test.ts')).not.toBe(
      fileFor('totals never negative', 'test/b.test.ts'),
    );
    expect(fileFor('totals never negative')).toBe(fileFor('totals never negative'));
  });

  test('a property’s file is named the same wherever the workspace is checked out', () => {
    const here = workspace('checkout-a');
    const there = workspace('checkout-b');
    const name = (root: string) => {
      const testFile = join(root, 'test', 'totals.test.ts');
      return basename(FailureDatabase.forTest(testFile).fileFor(testFile, 'totals never go negative'));
    };
    expect(name(here)).toBe(name(there));
  });
});

describe('the failure file', { meta: req('PROP-002') }, () => {
  test('a written file reads back as it was, creating the folder and leaving no temporary file', () => {
    const db = new FailureDatabase(join(tempDir('write'), 'orders', FAILURES_DIR));
    const file = db.fileFor(join(dirname(db.dir), 'test', 'orders.test.ts'), 'totals never go negative');
    expect(db.read(file)).toBeUndefined();

    const data = failureFile('totals never go negative', [failure(42), failure(7, FIXED)]);
    db.write(file, data);
    expect(db.read(file)).toEqual(data);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(data);
    expect(readdirSync(db.dir)).toEqual([basename(file)]);

    const updated = failureFile('totals never go negative', [failure(42, FIXED)]);
    db.write(file, updated);
    expect(db.read(file)).toEqual(updated);
    expect(readdirSync(db.dir)).toEqual([basename(file)]);
  });

  test.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['another schema version', '{ "schemaVersion": 2, "failures": [] }'],
    ['no schema version', '{ "failures": [] }'],
    ['no failures', '{ "schemaVersion": 1 }'],
    ['failures that are not a list', '{ "schemaVersion": 1, "failures": {} }'],
  ])('a file of %s is a one-line error naming it (exit 2)', (_, text) => {
    const folder = tempDir('invalid');
    const file = join(folder, 'totals-0badf00d.json');
    writeFileSync(file, text);
    const error = readError(new FailureDatabase(folder), file);
    expect(error).toBeInstanceOf(FailureDatabaseError);
    expect(error.name).toBe('FailureDatabaseError');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`${file}: not a property failure file of schema version 1`);
  });

  test.each([
    ['without its seed', { seed: undefined }, 'failures[0].seed must be a whole number'],
    ['with a seed that is text', { seed: '42' }, 'failures[0].seed must be a whole number'],
    ['without its path', { path: undefined }, 'failures[0].path must be a string'],
    [
      'without fixedAt',
      { fixedAt: undefined },
      'failures[0].fixedAt must be null (still failing) or when it was fixed',
    ],
  ])(
    'a failure %s is a one-line error naming the entry, never replayed as another case or cleared as fixed',
    (_, change, message) => {
      const folder = tempDir('bad-entry');
      const file = join(folder, 'totals-0badf00d.json');
      const entry = { ...failure(42), ...change };
      writeFileSync(file, JSON.stringify(failureFile('totals never go negative', [entry as unknown as SavedFailure])));
      const error = readError(new FailureDatabase(folder), file);
      expect(error).toBeInstanceOf(FailureDatabaseError);
      expect(error.message).toBe(`${file}: ${message}`);
    },
  );

  test('a file that is not JSON is a FailureDatabaseError too', () => {
    const folder = tempDir('not-json');
    const file = join(folder, 'totals-0badf00d.json');
    writeFileSync(file, '{ "schemaVersion": 1,');
    const error = readError(new FailureDatabase(folder), file);
    expect(error).toBeInstanceOf(FailureDatabaseError);
    expect(error.name).toBe('FailureDatabaseError');
    expect(error.message).toBe(`${file}: not valid JSON; fix it or delete it`);
  });
});

describe('listing and clearing', { meta: req('PROP-002') }, () => {
  test('a workspace with no property-failures folder has none', () => {
    expect(new FailureDatabase(join(tempDir('missing'), FAILURES_DIR)).list()).toEqual([]);
  });

  test('list: every property’s file in the folder, in name order; other files are ignored', () => {
    const db = new FailureDatabase(tempDir('list'));
    // Written out of name order: the listing is in name order whatever order the filesystem keeps.
    const names = ['delta', 'alpha', 'golf', 'charlie', 'foxtrot', 'bravo', 'echo', 'hotel'];
    for (const [index, name] of names.entries()) {
      db.write(join(db.dir, `${name}.json`), failureFile(name, [failure(index)]));
    }
    // An interrupted write and a note are not failure files.
    writeFileSync(join(db.dir, 'india.json.tmp'), '{ "schemaVer');
    writeFileSync(join(db.dir, 'README.md'), '# Property failures\n');

    const listed = db.list();
    expect(listed.map((entry) => basename(entry.file))).toEqual([...names].sort().map((name) => `${name}.json`));
    expect(listed.map((entry) => entry.file)).toEqual([...names].sort().map((name) => join(db.dir, `${name}.json`)));
    expect(listed.find((entry) => entry.data.property === 'golf')?.data).toEqual(failureFile('golf', [failure(2)]));
  });

  test('clearing removes the fixed failures, keeps the open ones, and deletes files left with none', () => {
    const db = new FailureDatabase(tempDir('clear'));
    const mixed = join(db.dir, 'mixed.json');
    const allFixed = join(db.dir, 'all-fixed.json');
    const allOpen = join(db.dir, 'all-open.json');
    db.write(mixed, failureFile('mixed', [failure(1, FIXED), failure(2), failure(3, FIXED), failure(4)]));
    db.write(allFixed, failureFile('all fixed', [failure(5, FIXED)]));
    // A file with nothing to clear is left exactly as it is, whatever its layout.
    const openText = JSON.stringify(failureFile('all open', [failure(6)]));
    writeFileSync(allOpen, openText);

    expect(db.clearFixed()).toBe(3);
    expect(readdirSync(db.dir).sort()).toEqual(['all-open.json', 'mixed.json']);
    expect(db.read(mixed)).toEqual(failureFile('mixed', [failure(2), failure(4)]));
    expect(readFileSync(allOpen, 'utf8')).toBe(openText);

    // Nothing fixed is left: a second clear removes nothing and changes nothing.
    expect(db.clearFixed()).toBe(0);
    expect(db.read(mixed)).toEqual(failureFile('mixed', [failure(2), failure(4)]));
    expect(readFileSync(allOpen, 'utf8')).toBe(openText);
  });
});
