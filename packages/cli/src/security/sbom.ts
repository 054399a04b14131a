import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type Finding, failure } from './findings.ts';
import { errorLine, run } from './run.ts';

/** Where `assay security` writes the SBOM, from the repository root. */
export const SBOM_FILE = '.assay/reports/sbom.cdx.json';

/**
 * Writes a CycloneDX SBOM of the production dependencies of every workspace of the monorepo at
 * `root` (one document: -r without --split) to `file`; the finding counts its components.
 */
export async function writeSbom(root: string, file = join(root, SBOM_FILE)): Promise<Finding> {
  mkdirSync(dirname(file), { recursive: true });
  const ran = await run('pnpm', ['-r', 'sbom', '--sbom-format', 'cyclonedx', '--prod', '--out', file], root);
  if (ran.code !== 0) return failure('sbom', `pnpm sbom failed: ${errorLine(ran)}`);
  const { components = [] } = JSON.parse(readFileSync(file, 'utf8')) as { components?: readonly unknown[] };
  return { check: 'sbom', problem: false, kind: 'sbom', file: relative(root, file), components: components.length };
}
