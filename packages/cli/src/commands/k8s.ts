import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { planShards } from '@assay/insights';
import {
  checkShard,
  clearShardBlobs,
  formatShardFigures,
  type MonorepoShardOptions,
  seconds,
  shardFigures,
} from '@assay/tiers';
import { UsageError } from '../errors.ts';
import {
  ArtifactsError,
  awaitCollection,
  formatProblems,
  kubectl,
  type Manifest,
  placeBlobs,
  type RenderedRun,
  renderRun,
  runInCluster,
  runPodShard,
  toYaml,
  validateManifests,
} from '../k8s/index.ts';
import type { Command } from '../main.ts';
import { readCount, withHistory } from './history.ts';
import { tierOptions } from './options.ts';
import { merge, monorepoOptions } from './shard.ts';

type Values = Parameters<Command['run']>[0];

/** Where each in-cluster run's manifests and pod logs are kept, by namespace. */
const RUN_DIR = '.assay/k8s';

export const k8s: Command = {
  name: 'k8s',
  positionals: true,
  usage: `usage: assay k8s render --shards N [--overlay kind|cluster|DIR] [--tier T] [--category C]… [--run-id ID] [--image IMAGE]
       assay k8s run --shards N [--overlay kind|cluster|DIR] [--tier T] [--category C]… [--run-id ID] [--image IMAGE] [--timeout SECONDS]
       assay k8s shard --total N [--index i] [--tier T] [--category C]… --artifacts DIR [--plan FILE] [--await-collection]
       assay k8s merge [--tier T] DIR…

The tier's shards as one Kubernetes Indexed Job, from the manifests in deploy/k8s (--manifests DIR).
--overlay names an overlay under deploy/k8s/overlays (default kind) or a folder.

render: the run's manifests, validated against the Kubernetes API schemas (unknown fields too), as
one YAML stream: a namespace assay-<run id>, PostgreSQL and Redis, and the Job with N shards.

run: renders and applies them with kubectl (its current context), waits for the services, starts the
Job, copies each shard's /artifacts out once its pod is Ready, merges the shards' blobs as
'assay shard merge' does (one report per workspace, the history entry, the monorepo summary) and
prints each shard's time and makespan ÷ ideal. The namespace is deleted at the end, also when the
run fails or is interrupted; its manifests and the pods' logs are kept in ${RUN_DIR}/<namespace>/.
The shard plan comes from this checkout's history. Exit 1 when a test failed or a shard did not report.

shard: what each pod runs: shard i+1 of N (--index i counts from 0, default JOB_COMPLETION_INDEX)
in every workspace, its blobs and result.json (schemaVersion 1) written to --artifacts; with
--await-collection it then waits until 'assay k8s run' has copied them. Exit 1 when a test failed.

merge: the merge of 'run' over shards' artifact folders copied out by other means (containers'
volumes, another collector): blobs put in place, merged, summarised, the shards' figures printed.`,
  options: {
    shards: { type: 'string' },
    total: { type: 'string' },
    index: { type: 'string' },
    overlay: { type: 'string' },
    manifests: { type: 'string' },
    'run-id': { type: 'string' },
    image: { type: 'string' },
    timeout: { type: 'string' },
    artifacts: { type: 'string' },
    plan: { type: 'string' },
    'await-collection': { type: 'boolean' },
    ...tierOptions,
  },
  async run(values, positionals) {
    const [action, ...rest] = positionals;
    if (
      action === 'merge' ? rest.length === 0 : rest.length > 0 || !['render', 'run', 'shard'].includes(action ?? '')
    ) {
      throw new UsageError(
        action === 'merge'
          ? "missing the shards' artifact folders: assay k8s merge DIR…"
          : `expected 'assay k8s render|run|shard|merge', got 'assay k8s ${positionals.join(' ')}'`,
      );
    }
    const options = await monorepoOptions(values, `assay k8s ${action}`);
    if (action === 'shard') return shard(options, values);
    if (action === 'merge')
      return mergeCollected(
        options,
        rest.map((dir) => resolve(dir)),
        Date.now(),
      );
    const timeoutSeconds = readCount(values.timeout, 'timeout', 1800);
    const rendered = renderRun({ ...(await runSettings(options, values)), deadlineSeconds: timeoutSeconds });
    const problems = await validateManifests([...rendered.services, rendered.job]);
    if (problems.length > 0) {
      console.error(formatProblems(problems));
      return 2;
    }
    if (action === 'render') {
      console.log(toYaml([...rendered.services, rendered.job]).trimEnd());
      return 0;
    }
    return inCluster(options, rendered, timeoutSeconds);
  },
};

async function runSettings(options: MonorepoShardOptions, values: Values) {
  const shards = readCount(values.shards ?? missing('--shards: how many shards the Job runs'), 'shards', 1);
  const manifests = resolve(options.root, typeof values.manifests === 'string' ? values.manifests : 'deploy/k8s');
  const name = typeof values.overlay === 'string' ? values.overlay : 'kind';
  const overlay = isAbsolute(name) || name.includes('/') ? resolve(name) : join(manifests, 'overlays', name);
  if (!existsSync(overlay))
    throw new UsageError(`no overlay ${overlay}: expected kind, cluster or a folder with a kustomization.yaml`);
  const runId =
    typeof values['run-id'] === 'string'
      ? values['run-id']
      : `${options.tier}-${Date.now().toString(36)}`.toLowerCase();
  const plan = await withHistory((store) => planShards(store, shards, 10));
  return {
    overlay,
    runId,
    tier: options.tier,
    categories: options.categories ?? [],
    shards,
    plan,
    ...(typeof values.image === 'string' ? { image: values.image } : {}),
  };
}

function missing(what: string): never {
  throw new UsageError(`missing ${what}`);
}

/** Applies, collects, merges; the namespace goes whatever happens, and an interrupt ends the run. */
async function inCluster(options: MonorepoShardOptions, rendered: RenderedRun, timeoutSeconds: number) {
  const began = Date.now();
  const interrupted = new AbortController();
  const onSignal = () => interrupted.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const artifacts = mkdtempSync(join(tmpdir(), 'assay-k8s-'));
  // What the run applied and what its pods printed, kept after the namespace is gone.
  const kept = join(options.root, RUN_DIR, rendered.namespace);
  mkdirSync(kept, { recursive: true });
  writeFileSync(join(kept, 'manifests.yaml'), toYaml([...rendered.services.map(redacted), rendered.job]));
  console.log(`assay k8s: manifests and pod logs of this run in ${relative(options.root, kept)}`);
  try {
    const dirs = await runInCluster({
      rendered,
      kubectl: kubectl(),
      artifacts,
      podLogs: join(kept, 'pods.log'),
      timeoutSeconds,
      signal: interrupted.signal,
      log: (line) => console.log(line),
    });
    return await mergeCollected(options, dirs, began);
  } catch (error) {
    // The interrupt ended the kubectl call in flight; the namespace is gone by now.
    if (!interrupted.signal.aborted) throw error;
    console.error('assay k8s: interrupted');
    return 130;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    rmSync(artifacts, { recursive: true, force: true });
  }
}

/** A Secret's values left out of what is kept on disk (and uploaded by CI). */
function redacted(m: Manifest): Manifest {
  if (m.kind !== 'Secret' || typeof m.data !== 'object' || m.data === null) return m;
  return { ...m, data: Object.fromEntries(Object.keys(m.data).map((key) => [key, '(redacted)'])) };
}

/** The shards' blobs put in place and merged, then the summary and the shards' figures. */
async function mergeCollected(options: MonorepoShardOptions, dirs: readonly string[], began: number) {
  // Blobs left by an earlier run would be merged with these.
  await clearShardBlobs(options.root, options.tier);
  const outcomes = dirs.map((dir) => placeBlobs(options.root, dir, options.tier));
  const totals = new Set(outcomes.map((o) => o.total));
  if (totals.size > 1 || outcomes.length !== outcomes[0]?.total) {
    throw new ArtifactsError(
      `${outcomes.length} shards given, of ${[...totals].join(' and ')} in all: merge every shard of one run`,
    );
  }
  const status = await merge(options, began);
  console.log(`assay k8s: ${formatShardFigures('shards', shardFigures(outcomes.map((o) => o.wallMs)))}`);
  console.log(`assay k8s: ${outcomes.length} shards merged and summarised in ${seconds(Date.now() - began)} wall`);
  return outcomes.every((o) => o.ok) ? status : Math.max(status, 1);
}

/** The pod's side: one shard, its artifacts, then (in a Job) the wait for their collection. */
async function shard(options: MonorepoShardOptions, values: Values) {
  const total = readCount(values.total ?? missing('--total: how many shards the Job runs'), 'total', 1);
  if (typeof values.artifacts !== 'string') missing('--artifacts: the folder the shard writes its outputs to');
  // Kubernetes gives an Indexed Job's pod its index in JOB_COMPLETION_INDEX (from 0).
  const given = values.index ?? process.env.JOB_COMPLETION_INDEX ?? missing('--index (or JOB_COMPLETION_INDEX)');
  const index = Number(given);
  if (!/^\d+$/.test(String(given)) || index >= total) {
    throw new UsageError(`invalid shard index '${given}': expected 0 to ${total - 1}`);
  }
  const artifacts = resolve(values.artifacts);
  const outcome = await runPodShard({
    ...options,
    shard: checkShard({ index: index + 1, total }),
    artifacts,
    ...(typeof values.plan === 'string' ? { plan: values.plan } : {}),
  });
  for (const w of outcome.workspaces) {
    console.log(
      `assay k8s shard ${index + 1}/${total}: ${w.workspace}: ${w.files} files, ${w.counts.passed} passed, ${w.counts.failed} failed`,
    );
  }
  console.log(
    `assay k8s shard ${index + 1}/${total}: ${outcome.ok ? 'passed' : 'FAILED'} in ${seconds(outcome.wallMs)}; outputs in ${artifacts}`,
  );
  if (values['await-collection']) await awaitCollection(artifacts);
  return outcome.ok ? 0 : 1;
}
