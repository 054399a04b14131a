/**
 * `assay k8s` as a user runs it: each test starts the command as a process.
 *
 * @module-tag integration
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, folder } from './support/cli.ts';

const MANIFESTS = fileURLToPath(new URL('../../../deploy/k8s', import.meta.url));

/** An empty monorepo: the run's plan comes from its (empty) history, not this repository's. */
function monorepo(): string {
  const dir = folder('k8s');
  writeFileSync(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
  writeFileSync(join(dir, 'package.json'), '{ "name": "k8s-sample", "private": true }\n');
  return dir;
}

describe('assay k8s render', { meta: req('CLI-006') }, () => {
  test('prints the validated manifests of a run', () => {
    const result = assay(monorepo(), 'k8s', 'render', '--shards', '2', '--run-id', 'cli', '--manifests', MANIFESTS);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('name: assay-cli\n');
    expect(result.stdout.match(/^kind: /gm)).toHaveLength(12);
  });

  test.each([
    [['k8s', 'render'], 'assay: missing --shards: how many shards the Job runs\n'],
    [['k8s', 'render', '--shards', '0'], "assay: invalid --shards '0': expected a whole number above 0\n"],
    [
      ['k8s', 'render', '--shards', '2', '--overlay', 'nope'],
      /^assay: no overlay \S+\/deploy\/k8s\/overlays\/nope: expected kind, cluster or a folder with a kustomization.yaml\n$/,
    ],
    [['k8s', 'deploy'], "assay: expected 'assay k8s render|run|shard|merge', got 'assay k8s deploy'\n"],
    [['k8s', 'merge'], "assay: missing the shards' artifact folders: assay k8s merge DIR…\n"],
    [
      ['k8s', 'shard', '--total', '2', '--artifacts', 'out', '--index', '2'],
      "assay: invalid shard index '2': expected 0 to 1\n",
    ],
  ])('bad input %j is one line with exit 2', (args, message) => {
    const result = assay(monorepo(), ...args);
    expect(result.code).toBe(2);
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(message);
  });
});
