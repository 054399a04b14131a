import { lstatSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '@secretlint/node';
import { type Finding, failure } from './findings.ts';
import { errorLine, run } from './run.ts';

// Lockfiles hold only registry URLs and integrity hashes, and are the largest files of a repository.
const LOCKFILES = new Set(['pnpm-lock.yaml', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'bun.lock']);

/** The part of secretlint's `json` formatter output the scan reads. */
interface LintResult {
  readonly filePath: string;
  readonly messages: readonly {
    readonly ruleId: string;
    readonly message: string;
    readonly loc: { readonly start: { readonly line: number } };
  }[];
}

// secretlint's recommended rules, by path: its loader resolves a rule by name from its own folder,
// where pnpm's strict layout has no preset. A connection string to this machine's loopback address is
// a local test database's, not a credential of a service anyone else can reach.
const CONFIG = {
  rules: [
    {
      id: fileURLToPath(import.meta.resolve('@secretlint/secretlint-rule-preset-recommend')),
      rules: [
        {
          id: '@secretlint/secretlint-rule-database-connection-string',
          options: { allows: ['/@(?:localhost|127\\.0\\.0\\.1|\\[::1\\])(?:[:/?]|$)/'] },
        },
      ],
    },
  ],
};

/** The repository's files as git sees them: tracked, and untracked but not ignored. */
async function repositoryFiles(root: string): Promise<string[] | Finding> {
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root);
  if (listed.code !== 0) return failure('secrets', `git ls-files failed: ${errorLine(listed)}`);
  return listed.stdout
    .split('\0')
    .filter((file) => file !== '' && !LOCKFILES.has(basename(file)))
    .map((file) => join(root, file))
    .filter((path) => lstatSync(path, { throwIfNoEntry: false })?.isFile()); // not deleted files, links, submodules
}

/**
 * Scans the repository at `root` for committed secrets with secretlint's recommended rules; secretlint
 * skips binary files. Each finding names the file and line, never the secret: secretlint masks it.
 */
export async function scanSecrets(root: string): Promise<Finding[]> {
  const files = await repositoryFiles(root);
  if (!Array.isArray(files)) return [files];
  const engine = await createEngine({
    cwd: root,
    formatter: 'json',
    color: false,
    maskSecrets: true,
    configFileJSON: CONFIG,
  });
  const results = JSON.parse((await engine.executeOnFiles({ filePathList: files })).output) as LintResult[];
  return results.flatMap((result) =>
    result.messages.map((m) => ({
      check: 'secrets' as const,
      problem: true,
      kind: 'secret' as const,
      file: relative(root, result.filePath),
      line: m.loc.start.line,
      rule: m.ruleId,
      message: m.message.replace(/\*{3,}/g, '***'), // a masked key keeps its length: shortened
    })),
  );
}
