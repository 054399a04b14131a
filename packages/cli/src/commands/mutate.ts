import { join } from 'node:path';
import { repoRoot, mutate as runMutation } from '@assay/insights';
import { DEFAULT_MUTATION_MARGIN, listWorkspaces } from '@assay/tiers';
import { loadRepoConfig } from '@assay/tiers/config';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';
import { withHistory } from './history.ts';

export const mutate: Command = {
  name: 'mutate',
  usage: `usage: assay mutate [--workspace W]… [--incremental] [--json]

Mutation testing with Stryker and its Vitest runner over the files assay.config.ts names under
mutation.workspaces (all of them, or the --workspace ones), one workspace after another. Each score
is stored in the history; a score more than mutation.margin points (default 5) below the median of
its last 5 scores fails the run, naming the surviving mutants' files and lines (exit 1).
--incremental reruns only the mutants whose code or tests changed (Stryker's incremental mode).`,
  options: {
    workspace: { type: 'string', multiple: true },
    incremental: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(values) {
    const root = repoRoot();
    const config = await loadRepoConfig(root);
    const configured = config.mutation?.workspaces ?? {};
    if (Object.keys(configured).length === 0) {
      throw new UsageError(
        "nothing to mutate: name each workspace's files under mutation.workspaces in assay.config.ts",
      );
    }
    const chosen = (values.workspace as string[] | undefined) ?? Object.keys(configured);
    const known = new Map((await listWorkspaces(root)).map((w) => [w.name, w.path]));
    const targets = chosen.map((workspace) => {
      const mutateFiles = configured[workspace];
      const path = known.get(workspace);
      if (!mutateFiles) {
        throw new UsageError(
          `'${workspace}' is not under mutation.workspaces: expected one of ${Object.keys(configured).join(', ')}`,
        );
      }
      if (path === undefined)
        throw new UsageError(`mutation.workspaces names '${workspace}', which is no workspace of this monorepo`);
      return { workspace, dir: join(root, path), mutate: mutateFiles };
    });
    const verdicts = await withHistory((store) =>
      runMutation({
        repoRoot: root,
        targets,
        margin: config.mutation?.margin ?? DEFAULT_MUTATION_MARGIN,
        incremental: values.incremental === true,
        store,
      }),
    );
    if (values.json) {
      console.log(
        JSON.stringify({ schemaVersion: 1, workspaces: verdicts.map(({ message: _m, ...v }) => v) }, null, 2),
      );
    } else {
      for (const v of verdicts) console.log(`assay mutate: ${v.ok ? '' : 'FAILED: '}${v.message}`);
    }
    return verdicts.every((v) => v.ok) ? 0 : 1;
  },
};
