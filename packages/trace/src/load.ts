/** Reading a monorepo's registries and recorded results, workspace by workspace. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkUniqueIds, REGISTRY_FILE, type Requirement, readRegistry } from './registry.ts';
import { readVitestReport, type TestRecord } from './results.ts';

export interface Workspace {
  /** The package name, used in reports and for --filter. */
  readonly name: string;
  /** The folder, relative to the repo root. */
  readonly path: string;
}

/**
 * Every workspace's requirements.yaml (where it has one), with ids unique across the repo.
 * `idPattern`: the repository's id format, for registries that name none of their own.
 */
export function loadRequirements(root: string, workspaces: readonly Workspace[], idPattern?: string): Requirement[] {
  const requirements = workspaces.flatMap((w) => {
    const file = join(w.path, REGISTRY_FILE);
    return existsSync(join(root, file)) ? readRegistry(join(root, file), file, w.name, idPattern) : [];
  });
  checkUniqueIds(requirements);
  return requirements;
}

/** Every workspace's recorded results; `resultsFile` is the report's path inside a workspace. */
export function loadResults(root: string, workspaces: readonly Workspace[], resultsFile: string): TestRecord[] {
  return workspaces.flatMap((w) => {
    const file = join(w.path, resultsFile);
    return readVitestReport(join(root, file), file, w.name, join(root, w.path));
  });
}
