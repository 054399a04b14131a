/**
 * Where insights keep things, from the repository root (the nearest folder above with a
 * pnpm-workspace.yaml or .git):
 *
 *   history     ASSAY_HISTORY_URL, or the repository's configured one (assay.config.ts `history`) —
 *               a postgres:// URL for a shared history, or a SQLite path; default .assay/insights/history.db
 *   pending     .assay/insights/pending/: runs the history could not take yet (stored at the next open)
 *   quarantine  quarantine.yaml, committed
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

export function repoRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) || existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

export interface InsightsPaths {
  readonly root: string;
  /** A SQLite file path or a postgres:// URL. */
  readonly history: string;
  readonly pending: string;
  readonly quarantine: string;
  readonly reports: string;
}

/** `configured`: the history the repository's configuration names, which ASSAY_HISTORY_URL overrides. */
export function insightsPaths(
  root = repoRoot(),
  env: NodeJS.ProcessEnv = process.env,
  configured?: string,
): InsightsPaths {
  const history = env.ASSAY_HISTORY_URL || configured || '.assay/insights/history.db';
  return {
    root,
    history: /^postgres(ql)?:\/\//.test(history) || isAbsolute(history) ? history : join(root, history),
    pending: join(root, '.assay/insights/pending'),
    quarantine: join(root, 'quarantine.yaml'),
    reports: join(root, '.assay/reports'),
  };
}
