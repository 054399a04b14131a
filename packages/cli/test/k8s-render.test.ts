/**
 * @module-tag unit
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShardPlan } from '@assay/insights';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import {
  JOB_NAME,
  KustomizeError,
  kustomize,
  type Manifest,
  PLAN_CONFIG_MAP,
  podSpecOf,
  quantity,
  renderRun,
  runnerOf,
  toYaml,
  validateManifests,
} from '../src/k8s/index.ts';
import { folder } from './support/cli.ts';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MANIFESTS = join(REPO_ROOT, 'deploy/k8s');
const KIND = join(MANIFESTS, 'overlays/kind');

const PLAN: ShardPlan = { schemaVersion: 1, total: 3, generatedAt: '2026-12-01T00:00:00.000Z', runs: 10, projects: {} };

const all = (run: ReturnType<typeof renderRun>) => [...run.services, run.job];
const byKind = (manifests: readonly Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);

/** A copy of deploy/k8s to change, with the cluster overlay's services.env written from its example. */
function manifestsCopy(): string {
  const dir = join(folder('k8s'), 'k8s');
  cpSync(MANIFESTS, dir, { recursive: true });
  cpSync(join(dir, 'overlays/cluster/services.env.example'), join(dir, 'overlays/cluster/services.env'));
  return dir;
}

describe('renderRun', { meta: req('CLI-006') }, () => {
  test('the kind overlay as one run: its own namespace, N shards, the tier and categories, the plan; every manifest valid', async () => {
    const run = renderRun({
      overlay: KIND,
      runId: 'pr-42',
      tier: 'nightly',
      categories: ['slow'],
      shards: 4,
      plan: PLAN,
    });
    expect(run.namespace).toBe('assay-pr-42');
    const manifests = all(run);
    for (const m of manifests) {
      if (m.kind === 'Namespace') expect(m.metadata.name).toBe('assay-pr-42');
      else expect(m.metadata.namespace, `${m.kind}/${m.metadata.name}`).toBe('assay-pr-42');
      expect(m.metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'assay', 'assay.dev/run': 'pr-42' });
    }
    expect(run.job.metadata.name).toBe(JOB_NAME);
    expect(run.job.spec).toMatchObject({
      completionMode: 'Indexed',
      completions: 4,
      parallelism: 4,
      maxFailedIndexes: 4,
    });
    const runner = runnerOf(run.job);
    expect(runner.args).toEqual([
      ...['k8s', 'shard', '--total', '4', '--tier', 'nightly', '--artifacts', '/artifacts'],
      ...['--plan', '/assay/plan/shard-plan.json', '--await-collection', '--category', 'slow'],
    ]);
    // The kind overlay's patch: half a CPU per shard.
    expect(runner.resources?.requests?.cpu).toBe('500m');
    const [plan] = byKind(manifests, 'ConfigMap');
    expect(plan?.metadata.name).toBe(PLAN_CONFIG_MAP);
    const data = (plan?.data ?? {}) as Record<string, string>;
    expect(JSON.parse(data['shard-plan.json'] as string)).toEqual(PLAN);
    const [secret] = byKind(manifests, 'Secret');
    const secretData = (secret?.data ?? {}) as Record<string, string>;
    expect(Buffer.from(secretData.POSTGRES_USER as string, 'base64').toString()).toBe('assay');
    // The runner's DATABASE_URL is made from the Secret's parts, by Kubernetes.
    expect(runner.env?.find((e) => e.name === 'DATABASE_URL')?.value).toBe(
      'postgres://$(POSTGRES_USER):$(POSTGRES_PASSWORD)@postgres:5432/$(POSTGRES_DB)',
    );
    expect(await validateManifests(manifests)).toEqual([]);
  });

  test('the Job is applied after the services, and without a plan there is no ConfigMap', () => {
    const run = renderRun({ overlay: KIND, runId: 'x', tier: 'pr', shards: 2 });
    expect(run.services.map((m) => m.kind)).not.toContain('Job');
    expect(byKind(run.services, 'ConfigMap')).toEqual([]);
    expect(run.services[0]?.kind).toBe('Namespace');
  });

  test('the cluster overlay takes the images from its registry and the credentials from services.env', async () => {
    const dir = manifestsCopy();
    const run = renderRun({ overlay: join(dir, 'overlays/cluster'), runId: 'main-7', tier: 'pr', shards: 3 });
    const images = all(run).flatMap((m) => podSpecOf(m)?.containers.map((c) => c.image) ?? []);
    expect(images.sort()).toEqual([
      'registry.example.com/platform/assay-postgres:15',
      'registry.example.com/platform/assay-redis:7',
      'registry.example.com/platform/assay-runner:1',
    ]);
    const [secret] = byKind(all(run), 'Secret');
    expect(Object.keys(secret?.data as object).sort()).toEqual(['POSTGRES_DB', 'POSTGRES_PASSWORD', 'POSTGRES_USER']);
    expect(await validateManifests(all(run))).toEqual([]);
  });

  test('the run’s deadline becomes the Job’s; strings YAML 1.1 reads as booleans stay quoted for kubectl', () => {
    const run = renderRun({ overlay: KIND, runId: 'x', tier: 'pr', shards: 1, deadlineSeconds: 3600 });
    expect(run.job.spec?.activeDeadlineSeconds).toBe(3600);
    runnerOf(run.job).env?.push({ name: 'FLAG', value: 'on' });
    expect(toYaml([run.job])).toContain('value: "on"');
  });

  test('--image replaces the overlay’s runner image', () => {
    const run = renderRun({ overlay: KIND, runId: 'x', tier: 'pr', shards: 1, image: 'assay-runner:abc123' });
    expect(runnerOf(run.job).image).toBe('assay-runner:abc123');
  });

  test('more shards than the ResourceQuota admits are refused before anything is applied', () => {
    expect(() => renderRun({ overlay: KIND, runId: 'x', tier: 'pr', shards: 5 })).toThrow(
      /^5 shards need requests\.memory [\d.e+]+ bytes, more than the ResourceQuota's 10Gi: run fewer shards or raise the quota in the overlay$/,
    );
    expect(() => renderRun({ overlay: KIND, runId: 'x', tier: 'pr', shards: 4 })).not.toThrow();
  });

  test('a bad run id is refused', () => {
    expect(() => renderRun({ overlay: KIND, runId: 'Not_Valid', tier: 'pr', shards: 1 })).toThrow(KustomizeError);
  });
});

describe('kustomize', { meta: req('CLI-006') }, () => {
  function overlay(kustomization: string, files: Record<string, string> = {}): string {
    const dir = join(manifestsCopy(), 'overlays/test');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kustomization.yaml'), kustomization);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  test('builds the base as kubectl kustomize does: resources in order, namespace, labels', () => {
    const manifests = kustomize(join(MANIFESTS, 'base'));
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Namespace/assay-run',
      'ResourceQuota/assay-run',
      'LimitRange/assay-run',
      'NetworkPolicy/runner',
      'NetworkPolicy/services',
      'Deployment/postgres',
      'Service/postgres',
      'Deployment/redis',
      'Service/redis',
      'Job/assay-shards',
    ]);
  });

  test('refuses a field it does not implement by name, instead of rendering otherwise than kubectl', () => {
    const dir = overlay('resources: [../../base]\nhelmCharts: []\n');
    expect(() => kustomize(dir)).toThrow(/'helmCharts' is not supported here: render with kubectl kustomize$/);
  });

  test('a generated secret needs disableNameSuffixHash, a patch must match something, an env file must exist', () => {
    expect(() =>
      kustomize(overlay('resources: [../../base]\nsecretGenerator: [{name: s, literals: [A=1]}]\n')),
    ).toThrow(/secretGenerator needs generatorOptions.disableNameSuffixHash: true$/);
    expect(() =>
      kustomize(overlay('resources: [../../base]\npatches: [{target: {kind: Job, name: nope}, patch: "[]"}]\n')),
    ).toThrow(/patch target Job\/nope matches no resource$/);
    expect(() =>
      kustomize(
        overlay(
          'resources: [../../base]\ngeneratorOptions: {disableNameSuffixHash: true}\nsecretGenerator: [{name: s, envs: [missing.env]}]\n',
        ),
      ),
    ).toThrow(/secret s reads .*missing\.env, which is missing$/);
  });

  test('refuses a key of an entry it does not implement, and a cluster-wide object the run would leave behind', () => {
    const labels = overlay('resources: [../../base]\nlabels: [{pairs: {a: b}, includeSelectors: true}]\n');
    expect(() => kustomize(labels)).toThrow(
      /'labels' with 'includeSelectors' is not supported here: render with kubectl kustomize$/,
    );
    const target = overlay(
      'resources: [../../base]\npatches: [{target: {kind: Job, labelSelector: a=b}, patch: "[]"}]\n',
    );
    expect(() => kustomize(target)).toThrow(/a patch target's 'labelSelector' is not supported here/);
    const wide = overlay('resources: [../../base, priority.yaml]\n', {
      'priority.yaml': 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: tests}\nvalue: 10\n',
    });
    expect(() => renderRun({ overlay: wide, runId: 'x', tier: 'pr', shards: 1 })).toThrow(
      /PriorityClass\/tests is cluster-wide; a run holds namespaced objects only$/,
    );
  });

  test('images: a new name, tag or digest for the containers that use the image', () => {
    const dir = overlay(
      'resources: [../../base]\nimages:\n  - {name: assay-redis, newName: mirror/redis, digest: "sha256:abc"}\n  - {name: assay-postgres, newTag: "16", digest: "sha256:def"}\n',
    );
    const images = kustomize(dir).flatMap((m) => podSpecOf(m)?.containers.map((c) => c.image) ?? []);
    expect(images).toEqual(['assay-postgres:16@sha256:def', 'mirror/redis@sha256:abc', 'assay-runner:latest']);
  });
});

test('quantity reads Kubernetes quantities', { meta: req('CLI-006') }, () => {
  expect(quantity('250m')).toBe(0.25);
  expect(quantity('2Gi')).toBe(2 * 2 ** 30);
  expect(quantity(3)).toBe(3);
  expect(quantity('1.5')).toBe(1.5);
  expect(quantity('100Ki')).toBe(102_400);
  expect(() => quantity('2 Gi')).toThrow("invalid Kubernetes quantity '2 Gi'");
  expect(() => quantity('1.2.3')).toThrow(KustomizeError);
});
