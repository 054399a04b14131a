import { join } from 'node:path';
import { FAILURES_DIR, FailureDatabase } from '@assay/property/node';
import { listWorkspaces } from '@assay/tiers';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';

export const property: Command = {
  name: 'property',
  positionals: true,
  usage: `usage: assay property failures [--clear] [--json]

Run at the monorepo root (or in one workspace). Lists the property failures saved in each
workspace's ${FAILURES_DIR}/ folder — open ones are replayed first by the next run until they pass,
then marked fixed. --clear removes the fixed ones. --json prints them (schemaVersion 1 per file).`,
  options: { clear: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(values, positionals) {
    if (positionals[0] !== 'failures' || positionals.length > 1) {
      throw new UsageError(`expected 'assay property failures', got 'assay property ${positionals.join(' ')}'`);
    }
    const root = process.cwd();
    // Outside a monorepo (no pnpm-workspace.yaml), the folder itself is the workspace.
    const found = await listWorkspaces(root).catch(() => []);
    const workspaces = found.length > 0 ? found : [{ path: '.' }];
    const databases = workspaces.map((w) => new FailureDatabase(join(root, w.path, FAILURES_DIR)));
    if (values.clear) {
      const removed = databases.reduce((sum, db) => sum + db.clearFixed(), 0);
      console.log(`assay: removed ${removed} fixed property failures`);
      return 0;
    }
    const files = databases.flatMap((db) => db.list());
    if (values.json) {
      console.log(
        JSON.stringify(
          files.map((f) => f.data),
          null,
          2,
        ),
      );
      return 0;
    }
    if (files.length === 0) console.log('no property failures saved');
    for (const { file, data } of files) {
      for (const failure of data.failures) {
        console.log(
          `${failure.fixedAt ? 'fixed' : 'open '}  ${data.file} › ${data.property}: ${failure.counterexample} (seed ${failure.seed}, path "${failure.path}")  ${file.slice(root.length + 1)}`,
        );
      }
    }
    return 0;
  },
};
