import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceFolders } from '@assay/tiers';

export interface WorkspaceInfo {
  readonly name: string;
  readonly path: string;
  /** Whether it has tier scripts, so its runs leave results. */
  readonly tested: boolean;
}

/** The monorepo's workspaces, from pnpm-workspace.yaml and each package.json. */
export async function listWorkspaces(root: string): Promise<WorkspaceInfo[]> {
  return (await workspaceFolders(root)).map((path) => {
    const manifest = JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as {
      name?: string;
      scripts?: Record<string, string>;
    };
    return { name: manifest.name ?? path, path, tested: manifest.scripts?.['test:pr'] !== undefined };
  });
}
