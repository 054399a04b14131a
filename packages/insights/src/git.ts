import { execFileSync } from 'node:child_process';

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

/** The commit and branch under test, and the CI run: CI's variables first, then git. */
export function revision(cwd: string, env: NodeJS.ProcessEnv = process.env): Revision {
  return {
    sha: env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? env.BUILDKITE_COMMIT ?? git(['rev-parse', 'HEAD'], cwd),
    branch:
      env.GITHUB_HEAD_REF ||
      env.GITHUB_REF_NAME ||
      env.CI_COMMIT_REF_NAME ||
      env.BUILDKITE_BRANCH ||
      git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd),
    ciRunId: env.ASSAY_CI_RUN_ID ?? env.GITHUB_RUN_ID ?? env.CI_PIPELINE_ID ?? env.BUILDKITE_BUILD_ID ?? null,
  };
}
