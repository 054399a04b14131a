import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A project's name in test keys: its package name, or its folder when it has none. */
export function projectName(root: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string };
    return manifest.name ?? root;
  } catch {
    return root;
  }
}

/** A project's name as a file or folder name: `@assay/insights` → `assay-insights`. */
export function projectFileName(project: string): string {
  return project.replace(/^@/, '').replace(/[^\w.-]+/g, '-');
}
