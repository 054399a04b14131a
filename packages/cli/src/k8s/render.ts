/**
 * One run's manifests: an overlay of deploy/k8s built (kustomize.ts), then set for the run at hand —
 * its own namespace, N shards (completions = parallelism = maxFailedIndexes), the tier and categories
 * on the runner's command line, the shard plan as a ConfigMap every pod reads — and checked against
 * the namespace's ResourceQuota, which would otherwise refuse pods and leave the Job short of shards.
 */
import type { ShardPlan } from '@assay/insights';
import { stringify } from 'yaml';
import { CLUSTER_KINDS, kustomize, setNamespace } from './kustomize.ts';
import { type Container, KustomizeError, type Manifest, podSpecOf, quantity } from './manifest.ts';

export const JOB_NAME = 'assay-shards';
export const RUNNER_CONTAINER = 'runner';
export const PLAN_CONFIG_MAP = 'assay-shard-plan';
export const PLAN_KEY = 'shard-plan.json';
const RUN_LABELS = { 'app.kubernetes.io/part-of': 'assay' };
const RUN_ID = /^[a-z0-9](?:[-a-z0-9]{0,40}[a-z0-9])?$/;

export interface RunSettings {
  /** The overlay folder (deploy/k8s/overlays/kind, …). */
  readonly overlay: string;
  /** Names the namespace, assay-<runId>: lower-case letters, digits and dashes. */
  readonly runId: string;
  readonly tier: string;
  readonly categories?: readonly string[];
  readonly shards: number;
  /** The runner image, instead of the overlay's. */
  readonly image?: string;
  /** The plan every shard splits the files by; without it, Vitest's split by file count. */
  readonly plan?: ShardPlan;
  /** The Job's deadline (activeDeadlineSeconds), the run's whole time; absent: the overlay's. */
  readonly deadlineSeconds?: number;
}

export interface RenderedRun {
  readonly namespace: string;
  /** Everything but the Job (namespace, limits, policies, secret, services), applied first. */
  readonly services: readonly Manifest[];
  /** The Indexed Job of the shards, applied once the services are available. */
  readonly job: Manifest;
}

export function renderRun(settings: RunSettings): RenderedRun {
  if (!RUN_ID.test(settings.runId)) {
    throw new KustomizeError(`invalid run id '${settings.runId}': lower-case letters, digits and dashes, at most 42`);
  }
  const namespace = `assay-${settings.runId}`;
  const manifests = kustomize(settings.overlay);
  if (!manifests.some((m) => m.kind === 'Namespace')) {
    throw new KustomizeError(`${settings.overlay}: renders no Namespace; a run needs its own`);
  }
  // What lives outside the namespace would outlive the run, whose cleanup deletes the namespace.
  const outside = manifests.find((m) => m.kind !== 'Namespace' && CLUSTER_KINDS.has(m.kind));
  if (outside) {
    throw new KustomizeError(
      `${settings.overlay}: ${outside.kind}/${outside.metadata.name} is cluster-wide; a run holds namespaced objects only`,
    );
  }

  const job = manifests.find((m) => m.kind === 'Job' && m.metadata.name === JOB_NAME);
  if (!job) throw new KustomizeError(`${settings.overlay}: renders no Job '${JOB_NAME}'`);
  setShards(job, settings);
  const services = manifests.filter((m) => m !== job);
  if (settings.plan) {
    services.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: PLAN_CONFIG_MAP },
      data: { [PLAN_KEY]: JSON.stringify(settings.plan) },
    });
  }
  // Every object of the run carries its id: `kubectl get all -l assay.dev/run=<id>` finds them.
  for (const m of [...services, job]) {
    setNamespace(m, namespace);
    m.metadata.labels = { ...m.metadata.labels, ...RUN_LABELS, 'assay.dev/run': settings.runId };
  }
  checkQuota([...services, job], settings.shards);
  return { namespace, services, job };
}

/** The manifests as one YAML stream, as `kubectl apply -f -` reads them: YAML 1.1, so "on" stays a string. */
export function toYaml(manifests: readonly Manifest[]): string {
  return manifests.map((m) => stringify(m, { version: '1.1' })).join('---\n');
}

export function runnerOf(job: Manifest): Container {
  const runner = podSpecOf(job)?.containers.find((c) => c.name === RUNNER_CONTAINER);
  if (!runner) throw new KustomizeError(`Job ${job.metadata.name} has no container '${RUNNER_CONTAINER}'`);
  return runner;
}

function setShards(job: Manifest, settings: RunSettings) {
  const spec = job.spec as Record<string, unknown>;
  spec.completions = settings.shards;
  spec.parallelism = settings.shards;
  spec.maxFailedIndexes = settings.shards;
  if (settings.deadlineSeconds !== undefined) spec.activeDeadlineSeconds = settings.deadlineSeconds;
  const runner = runnerOf(job);
  const args = [...(runner.args ?? [])];
  for (const [flag, value] of [
    ['--total', String(settings.shards)],
    ['--tier', settings.tier],
  ] as const) {
    const at = args.indexOf(flag);
    if (at < 0) throw new KustomizeError(`the runner's args have no ${flag}: ${JSON.stringify(runner.args)}`);
    args[at + 1] = value;
  }
  runner.args = [...args, ...(settings.categories ?? []).flatMap((c) => ['--category', c])];
  if (settings.image) runner.image = settings.image;
}

function checkQuota(manifests: readonly Manifest[], shards: number) {
  const quota = manifests.find((m) => m.kind === 'ResourceQuota');
  const hard = (quota?.spec?.hard ?? {}) as Record<string, string>;
  const defaults = containerDefaults(manifests);
  const used: Record<string, number> = {};
  for (const m of manifests) {
    const spec = podSpecOf(m);
    if (!spec) continue;
    const copies = m.kind === 'Job' ? shards : Number((m.spec as { replicas?: number }).replicas ?? 1);
    used.pods = (used.pods ?? 0) + copies;
    for (const key of Object.keys(hard)) {
      // A plain resource name (cpu, memory) in a quota counts requests.
      const [kind, resource] = key.includes('.') ? (key.split(/\.(.*)/) as [string, string]) : ['requests', key];
      if (kind !== 'requests' && kind !== 'limits') continue;
      for (const container of spec.containers) {
        const value = container.resources?.[kind]?.[resource] ?? defaults[`${kind}.${resource}`];
        if (value !== undefined) used[key] = (used[key] ?? 0) + copies * quantity(value);
      }
    }
  }
  for (const [key, total] of Object.entries(used)) {
    const limit = hard[key];
    if (limit !== undefined && total > quantity(limit) + 1e-9) {
      const bytes = /memory|storage/.test(key) ? ' bytes' : '';
      throw new KustomizeError(
        `${shards} shards need ${key} ${+total.toPrecision(4)}${bytes}, more than the ResourceQuota's ${limit}: run fewer shards or raise the quota in the overlay`,
      );
    }
  }
}

/** The LimitRange's defaults, which the quota counts for a container that names none. */
function containerDefaults(manifests: readonly Manifest[]): Record<string, string> {
  const range = manifests.find((m) => m.kind === 'LimitRange');
  const limits = (range?.spec?.limits ?? []) as {
    type: string;
    default?: Record<string, string>;
    defaultRequest?: Record<string, string>;
  }[];
  const container = limits.find((l) => l.type === 'Container');
  const defaults: Record<string, string> = {};
  for (const [resource, value] of Object.entries(container?.defaultRequest ?? {}))
    defaults[`requests.${resource}`] = value;
  for (const [resource, value] of Object.entries(container?.default ?? {})) defaults[`limits.${resource}`] = value;
  return defaults;
}
