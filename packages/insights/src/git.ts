import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

export interface Revision {
  readonly sha: string | null;
  readonly branch: string | null;
  readonly ciRunId: string | null;
}

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * The commit, with a mark of uncommitted changes to tracked files: `<sha>+dirty.<hash of the diff>`.
 * "Passed and failed on the same commit" must mean the same code, and a local run of edited code is
 * not the commit it started from.
 */
function codeVersion(cwd: string): string | null {
  const sha = git(['rev-parse', 'HEAD'], cwd);
  if (!sha) return null;
  const diff = git(['diff', 'HEAD'], cwd);
  return diff ? `${sha}+dirty.${createHash('sha1').update(diff).digest('hex').slice(0, 8)}` : sha;
}

/** The code under test (commit, and edits on top), its branch, and the CI run: CI's variables first, then git. */
export function revision(cwd: string, env: NodeJS.ProcessEnv = process.env): Revision {
  return {
    sha: env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? env.BUILDKITE_COMMIT ?? codeVersion(cwd),
    branch:
      env.GITHUB_HEAD_REF ||
      env.GITHUB_REF_NAME ||
      env.CI_COMMIT_REF_NAME ||
      env.BUILDKITE_BRANCH ||
      git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd),
    ciRunId: env.ASSAY_CI_RUN_ID ?? env.GITHUB_RUN_ID ?? env.CI_PIPELINE_ID ?? env.BUILDKITE_BUILD_ID ?? null,
  };
}
