/**
 * Benchmark and check: the test-runner image run the way the Kubernetes Indexed Job runs it, with
 * Docker standing in for the cluster. PostgreSQL and Redis run as containers on a network of their
 * own, reached by name (postgres, redis) as the pods reach their Services; each shard is a container
 * of assay-runner:latest with JOB_COMPLETION_INDEX set and a folder of its own as /artifacts.
 *
 * 1. The tier unsharded: one container, `assay k8s shard --total 1`.
 * 2. The tier as N shards: N containers side by side, `assay k8s shard --total N` (the pod's command).
 * 3. `assay k8s merge` over the N artifact folders, in a container of the same image (so this
 *    checkout's reports are left alone), recording the history in the PostgreSQL container
 *    (ASSAY_HISTORY_URL), then `assay insights runs` reading it back from there.
 * It fails unless the shards together ran what the unsharded run ran, workspace by workspace (the
 * same files and the same passed / failed / skipped counts, so each test ran in exactly one shard),
 * the merged summary counts the same, and the history holds one run per workspace. The last line is
 * JSON: { unshardedSeconds, shardsMakespanSeconds, makespanRatio (makespan ÷ unsharded),
 * makespanIdealRatio (the longest shard ÷ the shards' mean) }. On one machine the shards share its cores, so
 * the makespan ratio shows the cost of sharding there; on a cluster each pod has cores of its own.
 *
 *   make test-k8s-local [SHARDS=3] [TIER=pr] [CATEGORY=a,b]    (builds the image first)
 *   pnpm --filter @assay/cli bench:runner --shards N --tier T --category C…
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatShardFigures, shardFigures } from '@assay/tiers';
import { readOutcome, type ShardOutcome } from '../src/k8s/index.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const IMAGE = 'assay-runner:latest';
const PASSWORD = 'assay-bench';

// pnpm passes a `--` before the script's own arguments through.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    shards: { type: 'string', default: '3' },
    tier: { type: 'string', default: 'pr' },
    category: { type: 'string', multiple: true, default: [] },
  },
});
const shards = Number(values.shards);
if (!Number.isInteger(shards) || shards < 2) throw new Error(`invalid --shards '${values.shards}': expected 2 or more`);
const tier = values.tier;
const selection = ['--tier', tier, ...values.category.flatMap((c) => ['--category', c])];

interface Run {
  readonly seconds: number;
  readonly output: string;
  readonly status: number | null;
}

function run(command: string, args: readonly string[]): Promise<Run> {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ seconds: Math.round((performance.now() - began) / 100) / 10, output, status }),
    );
  });
}

async function must(step: string, pending: Promise<Run>): Promise<Run> {
  const result = await pending;
  if (result.status !== 0) throw new Error(`${step} failed (exit ${result.status}):\n${result.output.slice(-4000)}`);
  return result;
}

const docker = (...args: string[]) => run('docker', args);

interface Totals {
  files: number;
  passed: number;
  failed: number;
  skipped: number;
}

/** Per workspace: files and counts, summed over the outcomes. */
function totals(outcomes: readonly ShardOutcome[]): Map<string, Totals> {
  const sums = new Map<string, Totals>();
  for (const o of outcomes) {
    for (const { workspace, files, counts } of o.workspaces) {
      const sum = sums.get(workspace) ?? { files: 0, passed: 0, failed: 0, skipped: 0 };
      sums.set(workspace, {
        files: sum.files + files,
        passed: sum.passed + counts.passed,
        failed: sum.failed + counts.failed,
        skipped: sum.skipped + counts.skipped,
      });
    }
  }
  return sums;
}

const format = (t: Totals | undefined) =>
  t ? `${t.files} files, ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped` : 'nothing';

const id = `assay-bench-${process.pid}`;
const work = mkdtempSync(join(tmpdir(), 'assay-bench-runner-'));
try {
  await must('image', docker('image', 'inspect', IMAGE));
  await must('network', docker('network', 'create', id));
  await must(
    'postgres',
    docker(
      ...['run', '-d', '--name', `${id}-postgres`, '--network', id, '--network-alias', 'postgres'],
      ...[
        '-e',
        'POSTGRES_USER=assay',
        '-e',
        `POSTGRES_PASSWORD=${PASSWORD}`,
        '-e',
        'POSTGRES_DB=assay',
        'assay-postgres:15',
      ],
    ),
  );
  await must(
    'redis',
    docker('run', '-d', '--name', `${id}-redis`, '--network', id, '--network-alias', 'redis', 'assay-redis:7'),
  );
  // The Deployments' readiness probes, as `kubectl wait --for=condition=Available` waits for them.
  await must(
    'postgres ready',
    run('bash', [
      '-c',
      `for _ in $(seq 300); do docker exec ${id}-postgres pg_isready -q -h 127.0.0.1 && exit 0; sleep 0.2; done; exit 1`,
    ]),
  );
  const inNetwork = [
    ...['-e', 'ASSAY_POSTGRES_PROVIDER=external', '-e', 'ASSAY_REDIS_PROVIDER=external'],
    ...['-e', `DATABASE_URL=postgres://assay:${PASSWORD}@postgres:5432/assay`, '-e', 'REDIS_URL=redis://redis:6379'],
    ...['-e', `ASSAY_HISTORY_URL=postgres://assay:${PASSWORD}@postgres:5432/assay`],
  ];
  const shard = (index: number, total: number, dir: string) => {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777); // the runner's user (10001) writes there, as into the pod's emptyDir
    return must(
      `shard ${index + 1}/${total}`,
      docker(
        ...['run', '--rm', '--name', `${id}-shard-${total}-${index}`, '--network', id, ...inNetwork],
        ...['-e', `JOB_COMPLETION_INDEX=${index}`, '-v', `${dir}:/artifacts`, '--shm-size', '1g', IMAGE],
        ...['k8s', 'shard', '--total', String(total), ...selection, '--artifacts', '/artifacts'],
      ),
    );
  };

  const unsharded = await shard(0, 1, join(work, 'unsharded'));
  console.log(`unsharded: ${unsharded.seconds} s`);
  const began = performance.now();
  const dirs = Array.from({ length: shards }, (_, i) => join(work, `shard-${i}`));
  const legs = await Promise.all(dirs.map((dir, i) => shard(i, shards, dir)));
  const makespan = Math.round((performance.now() - began) / 100) / 10;
  console.log(`${shards} shards: ${legs.map((l) => `${l.seconds} s`).join(', ')}; makespan ${makespan} s`);

  const whole = totals([readOutcome(join(work, 'unsharded'))]);
  const split = totals(dirs.map(readOutcome));
  for (const workspace of new Set([...whole.keys(), ...split.keys()])) {
    const [one, all] = [format(whole.get(workspace)), format(split.get(workspace))];
    if (one !== all) throw new Error(`${workspace}: unsharded ${one}, the shards together ${all}`);
    console.log(`${workspace}: ${one}, unsharded and sharded alike`);
  }

  const merged = await docker(
    ...['run', '--rm', '--network', id, ...inNetwork],
    ...dirs.flatMap((dir, i) => ['-v', `${dir}:/shards/${i}:ro`]),
    ...[IMAGE, 'k8s', 'merge', ...selection, ...dirs.map((_, i) => `/shards/${i}`)],
  );
  const line = /^assay: \d+ passed, \d+ failed, \d+ skipped$/m.exec(merged.output)?.[0];
  const all = [...whole.values()];
  const sum = (key: keyof Totals) => all.reduce((total, t) => total + t[key], 0);
  // The summary's skipped also counts the tests the tier leaves out: passed and failed must agree.
  const ran = `assay: ${sum('passed')} passed, ${sum('failed')} failed, `;
  console.log(`merged: ${line ?? '(no summary line)'}; unsharded: ${ran}${sum('skipped')} skipped in the tier`);
  if (merged.status !== 0 || !line?.startsWith(ran)) {
    throw new Error(`the merge disagrees with the unsharded run:\n${merged.output.slice(-4000)}`);
  }
  const runs = await must(
    'history',
    docker('run', '--rm', '--network', id, ...inNetwork, IMAGE, 'insights', 'runs', '--json'),
  );
  const recorded = (JSON.parse(runs.output) as { runs: { project: string }[] }).runs.map((r) => r.project).sort();
  console.log(`history in PostgreSQL: ${recorded.length} runs (${recorded.join(', ')})`);
  if (recorded.join() !== [...whole.keys()].sort().join()) {
    throw new Error(`the history holds ${recorded.join(', ')}, not one run of each of ${[...whole.keys()].join(', ')}`);
  }
  // The containers' own wall times, as the pods' would be: makespan ÷ ideal as `assay k8s run` prints it.
  const figures = shardFigures(legs.map((l) => l.seconds * 1000));
  console.log(formatShardFigures('shard containers', figures));
  console.log(
    JSON.stringify({
      unshardedSeconds: unsharded.seconds,
      shardsMakespanSeconds: makespan,
      makespanRatio: Math.round((makespan / unsharded.seconds) * 100) / 100,
      makespanIdealRatio: figures.ratio,
    }),
  );
} finally {
  // Every container of this run, shards still running after a failure too.
  const left = (await docker('ps', '-aq', '--filter', `name=${id}-`)).output.split('\n').filter(Boolean);
  if (left.length > 0) await docker('rm', '-f', ...left);
  await docker('network', 'rm', id);
  rmSync(work, { recursive: true, force: true });
}
