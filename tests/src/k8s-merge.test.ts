/**
 * An in-cluster run's whole path but the cluster: the shards run as the Indexed Job's pods run them
 * (`assay k8s shard`, JOB_COMPLETION_INDEX choosing the shard) in one checkout of a sample monorepo,
 * and `assay k8s run` in another — with kubectl replaced by a recording stub (no cluster on this
 * machine) whose `cp` hands over those pods' artifacts. The merge in the second checkout must report
 * the unsharded run's tests, under its own paths, and the namespace must be gone.
 * Whole tiers of sample monorepos are slow: this repository's `monorepo-e2e` category.
 *
 * @module-tag monorepo-e2e
 */
import { cpSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { expect, test } from 'vitest';
import { kubectlStub } from './support/kubectl-stub.ts';
import { assay, REPO_ROOT, run, TESTS_DIR, tempDir } from './support/repo.ts';

const WORKSPACES = ['app', 'lib'];

function monorepo(name: string): string {
  const root = tempDir(name);
  cpSync(join(TESTS_DIR, 'fixtures', 'shard-monorepo'), root, { recursive: true });
  symlinkSync(join(TESTS_DIR, 'node_modules'), join(root, 'node_modules'));
  return root;
}

const junit = (root: string, workspace: string) =>
  readFileSync(join(root, 'packages', workspace, '.vitest/junit/output.xml'), 'utf8');

/** The test cases of a workspace's JUnit report, `file › name`, sorted. */
const junitCases = (root: string, workspace: string) =>
  [...junit(root, workspace).matchAll(/<testcase classname="([^"]+)" name="([^"]+)"/g)]
    .map((m) => `${m[1]} › ${m[2]}`)
    .sort();

test('the pods’ shards, collected and merged by assay k8s run in another checkout, report the unsharded run', {
  meta: req('CLI-007'),
}, async () => {
  const pods = monorepo('k8s-pods');
  const unsharded = await Promise.all(
    WORKSPACES.map((w) => assay(['test', '--tier', 'pr'], join(pods, 'packages', w))),
  );
  for (const result of unsharded) expect(result.status, result.stdout + result.stderr).toBe(0);
  const expected = Object.fromEntries(WORKSPACES.map((w) => [w, junitCases(pods, w)]));

  // Each pod: the same command line as the Job's, its index from JOB_COMPLETION_INDEX.
  const artifacts = tempDir('k8s-artifacts');
  const shards = await Promise.all(
    [0, 1].map((index) =>
      assay(['k8s', 'shard', '--total', '2', '--tier', 'pr', '--artifacts', join(artifacts, `shard-${index}`)], pods, {
        JOB_COMPLETION_INDEX: String(index),
      }),
    ),
  );
  for (const result of shards) expect(result.status, result.stdout + result.stderr).toBe(0);
  expect(readdirSync(join(artifacts, 'shard-0')).sort()).toEqual(['blobs', 'result.json']);

  const host = monorepo('k8s-host');
  const stub = kubectlStub(tempDir('k8s-stub'));
  const merged = await run(
    join(TESTS_DIR, 'node_modules', '.bin', 'assay'),
    ['k8s', 'run', '--shards', '2', '--run-id', 'merge', '--manifests', join(REPO_ROOT, 'deploy/k8s')],
    host,
    {
      PATH: `${stub.bin}:${process.env.PATH}`,
      KUBECTL_STUB_LOG: stub.log,
      KUBECTL_STUB_STATE: stub.state,
      KUBECTL_STUB_ARTIFACTS: artifacts,
    },
  );
  expect(merged.status, merged.stdout + merged.stderr).toBe(0);
  expect(merged.stdout).toContain('assay: 16 passed, 0 failed, 0 skipped');
  expect(merged.stdout).toMatch(/assay k8s: shards: shards [\d.]+ s, [\d.]+ s; makespan [\d.]+ s, ideal [\d.]+ s/);
  expect(merged.stdout).toContain('assay k8s: namespace assay-merge deleted');
  expect(readdirSync(stub.state)).toEqual([]);
  for (const workspace of WORKSPACES) {
    expect(junitCases(host, workspace), workspace).toEqual(expected[workspace]);
    // The pods' paths were moved to this checkout's.
    expect(junit(host, workspace)).not.toContain(pods);
  }
});
