/** One workspace's coverage file: written after its run, read back for the merged report. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { CoverageMap, CoverageMapData, FileCoverageData } from '@vitest/istanbul-lib-coverage';
import { COVERAGE_SCHEMA_VERSION, coverageTotals, WORKSPACE_COVERAGE_FILE, type WorkspaceCoverage } from './model.ts';

/** The workspace's coverage, its paths made relative to `repoRoot`. */
export function workspaceCoverage(map: CoverageMap, workspace: string, repoRoot: string): WorkspaceCoverage {
  const files: CoverageMapData = {};
  for (const path of map.files()) {
    const data = map.fileCoverageFor(path).toJSON();
    const key = isAbsolute(path) ? relative(repoRoot, path) : path;
    files[key] = { ...data, path: key };
  }
  return { schemaVersion: COVERAGE_SCHEMA_VERSION, workspace, totals: coverageTotals(map), files };
}

export function writeWorkspaceCoverage(workspaceRoot: string, coverage: WorkspaceCoverage): void {
  const file = join(workspaceRoot, WORKSPACE_COVERAGE_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(coverage));
}

/** A coverage file left by an earlier run must not stand for this one. */
export function clearWorkspaceCoverage(workspaceRoot: string): void {
  rmSync(join(workspaceRoot, WORKSPACE_COVERAGE_FILE), { force: true });
}

/** The workspace's coverage file, or undefined when its last run measured none. */
export function readWorkspaceCoverage(workspaceRoot: string): WorkspaceCoverage | undefined {
  let text: string;
  try {
    text = readFileSync(join(workspaceRoot, WORKSPACE_COVERAGE_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const coverage = JSON.parse(text) as WorkspaceCoverage;
  if (coverage.schemaVersion !== COVERAGE_SCHEMA_VERSION) {
    throw new Error(
      `${join(workspaceRoot, WORKSPACE_COVERAGE_FILE)} has schema version ${coverage.schemaVersion}; expected ${COVERAGE_SCHEMA_VERSION}`,
    );
  }
  return coverage;
}

/** Paths back to absolute ones under `repoRoot`, for istanbul's reports (which read the sources). */
export function absoluteFiles(coverage: WorkspaceCoverage, repoRoot: string): CoverageMapData {
  const files: CoverageMapData = {};
  for (const [path, data] of Object.entries(coverage.files)) {
    const absolute = join(repoRoot, path);
    files[absolute] = { ...(data as FileCoverageData), path: absolute };
  }
  return files;
}
