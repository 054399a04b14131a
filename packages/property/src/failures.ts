/**
 * The failure database (fast-check has none: its #3399 asks for one): when a property fails, its
 * seed, path and counterexample are saved in the workspace's committable `property-failures/`
 * folder, one JSON file per property. The next runs replay the saved failures first — the exact
 * case, from seed and path, without shrinking — before any new random case, until they pass; a
 * passing replay is marked fixed, and `assay property failures --clear` removes fixed ones.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const FAILURES_DIR = 'property-failures';
export const FAILURES_SCHEMA_VERSION = 1;

export interface SavedFailure {
  readonly seed: number;
  readonly path: string;
  /** fast-check's rendering of the shrunk counterexample. */
  readonly counterexample: string;
  /** The first line of the error it raised. */
  readonly error: string;
  readonly savedAt: string;
  /** When a replay first passed; fixed failures are kept until `--clear`. */
  readonly fixedAt: string | null;
}

export interface FailureFile {
  readonly schemaVersion: typeof FAILURES_SCHEMA_VERSION;
  /** The test file, relative to the workspace. */
  readonly file: string;
  /** The property's full test name. */
  readonly property: string;
  readonly failures: readonly SavedFailure[];
}

export class FailureDatabaseError extends Error {
  override name = 'FailureDatabaseError';
  readonly exitCode = 2;
}

/** The workspace of a test file: the nearest folder above with a package.json. */
export function workspaceOf(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const TEXT_FIELDS = ['path', 'counterexample', 'error', 'savedAt'] as const;

/**
 * A saved failure as the replay, the clearing and the listing all read it: a hand-edited entry
 * without its seed or `fixedAt` would otherwise be replayed as another case, or cleared as fixed.
 */
function checkFailure(failure: unknown, where: string): void {
  const entry = failure as Record<string, unknown> | null;
  if (typeof entry !== 'object' || entry === null) throw new FailureDatabaseError(`${where} must be an object`);
  if (!Number.isInteger(entry.seed)) throw new FailureDatabaseError(`${where}.seed must be a whole number`);
  for (const field of TEXT_FIELDS) {
    if (typeof entry[field] !== 'string') throw new FailureDatabaseError(`${where}.${field} must be a string`);
  }
  if (entry.fixedAt !== null && typeof entry.fixedAt !== 'string') {
    throw new FailureDatabaseError(`${where}.fixedAt must be null (still failing) or when it was fixed`);
  }
}

export class FailureDatabase {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  static forTest(testFile: string): FailureDatabase {
    return new FailureDatabase(join(workspaceOf(testFile), FAILURES_DIR));
  }

  /** The file for one property: readable from its name, unique by its file and full name. */
  fileFor(testFile: string, property: string): string {
    // Cut, then trimmed: a cut just after a dash must not leave one before the id's.
    const slug = property
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 48)
      .replace(/^-|-$/g, '');
    const id = createHash('sha1')
      .update(`${relative(dirname(this.dir), testFile)}\u0000${property}`)
      .digest('hex');
    return join(this.dir, `${slug}-${id.slice(0, 8)}.json`);
  }

  read(file: string): FailureFile | undefined {
    if (!existsSync(file)) return undefined;
    let data: FailureFile;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as FailureFile;
    } catch {
      throw new FailureDatabaseError(`${file}: not valid JSON; fix it or delete it`);
    }
    if (data?.schemaVersion !== FAILURES_SCHEMA_VERSION || !Array.isArray(data.failures)) {
      throw new FailureDatabaseError(
        `${file}: not a property failure file of schema version ${FAILURES_SCHEMA_VERSION}`,
      );
    }
    for (const [i, failure] of data.failures.entries()) checkFailure(failure, `${file}: failures[${i}]`);
    return data;
  }

  write(file: string, data: FailureFile): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(`${file}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  }

  /** Every property's failures in the folder. */
  list(): { file: string; data: FailureFile }[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => ({ file: join(this.dir, name), data: this.read(join(this.dir, name)) as FailureFile }));
  }

  /** Removes fixed failures (and files left with none). Returns how many failures it removed. */
  clearFixed(): number {
    let removed = 0;
    for (const { file, data } of this.list()) {
      const open = data.failures.filter((f) => f.fixedAt === null);
      removed += data.failures.length - open.length;
      if (open.length === 0) rmSync(file);
      else if (open.length < data.failures.length) this.write(file, { ...data, failures: open });
    }
    return removed;
  }
}
