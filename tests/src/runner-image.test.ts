/**
 * The test-runner image, built from this checkout and run the way the Kubernetes Indexed Job runs
 * it, with Docker standing in for the cluster (packages/cli/benchmarks/runner.bench.ts, which
 * `make test-k8s-local` runs for the whole PR tier): the contract tests unsharded and as two shard
 * containers, JOB_COMPLETION_INDEX choosing each one's shard, PostgreSQL and Redis as containers
 * reached by name, the merge in a container of the image, the history in PostgreSQL. The bench
 * fails unless the shards ran exactly what the unsharded run ran and the merge and history agree.
 * Needs a Docker engine and root for the images' Debian base (CI has both); skipped otherwise.
 *
 * @module-tag monorepo-e2e
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { expect, test } from 'vitest';
import { REPO_ROOT, run } from './support/repo.ts';

const docker = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
const root = process.getuid?.() === 0;

test.skipIf(!docker || !root)(
  'the runner image, built here, runs the contract tests as an Indexed Job would: two shards merged equal the unsharded run (needs Docker and root)',
  { meta: req('CLI-007'), timeout: 900_000 },
  async () => {
    const built = await run(join(REPO_ROOT, 'tools/runner/build.sh'), [], REPO_ROOT, {}, 900_000);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/^runner-image: built assay-runner:latest \(\d+ MB\)$/m);

    const bench = await run(
      process.execPath,
      ['benchmarks/runner.bench.ts', '--shards', '2', '--tier', 'pr', '--category', 'contract'],
      join(REPO_ROOT, 'packages/cli'),
      {},
      900_000,
    );
    expect(bench.status, bench.stdout + bench.stderr).toBe(0);
    expect(bench.stdout).toMatch(
      /^@assay\/orders-api: \d+ files, [1-9]\d* passed, 0 failed, \d+ skipped, unsharded and sharded alike$/m,
    );
    expect(bench.stdout).toMatch(/^history in PostgreSQL: \d+ runs /m);
    const figures = JSON.parse(bench.stdout.trimEnd().split('\n').at(-1) as string) as Record<string, number>;
    expect(Object.keys(figures).sort()).toEqual([
      'makespanIdealRatio',
      'makespanRatio',
      'shardsMakespanSeconds',
      'unshardedSeconds',
    ]);
  },
);
