/**
 * @module-tag unit
 *
 * The offline manifest validator, and what the base manifests in deploy/k8s/base promise each other:
 * the shards' Job fits the quota beside the services, and the network policies let the runner pods
 * reach the services and DNS only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { req } from '@assay/trace';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { ILimitRange } from 'kubernetes-models/v1/LimitRange';
import type { IResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { describe, expect, test } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { quantity } from '../src/k8s/manifest.ts';
import { formatProblems, validateManifest, validateManifests } from '../src/k8s/validate.ts';

const BASE = fileURLToPath(new URL('../../../deploy/k8s/base', import.meta.url));

interface Resource {
  readonly kind: string;
  readonly metadata: { readonly name: string };
}

function documents(file: string): Resource[] {
  return parseAllDocuments(readFileSync(join(BASE, file), 'utf8'))
    .map((document) => document.toJS() as Resource | null)
    .filter((document) => document !== null);
}

// The Kustomization is kustomize's file, not a Kubernetes API object: it lists the manifests.
const FILES = (parse(readFileSync(join(BASE, 'kustomization.yaml'), 'utf8')) as { resources: string[] }).resources;
const MANIFESTS = FILES.flatMap(documents);

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}

function find<T>(kind: string, name: string): T {
  const found = MANIFESTS.filter((m) => m.kind === kind && m.metadata.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${kind}/${name} in deploy/k8s/base`);
  return found[0] as T;
}

/** A copy of the base Job to break. */
function job(): IJob {
  return structuredClone(find<IJob>('Job', 'assay-shards'));
}

function podSpec(of: IJob | IDeployment) {
  return must(of.spec?.template.spec, `${of.metadata?.name}'s pod spec`);
}

function podLabels(of: IJob | IDeployment): Readonly<Record<string, string>> {
  return must(of.spec?.template.metadata?.labels, `${of.metadata?.name}'s pod labels`);
}

describe('validateManifest', { meta: req('CLI-006') }, () => {
  test('the Kustomization lists every manifest in deploy/k8s/base', () => {
    const yaml = readdirSync(BASE).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...FILES].sort()).toEqual(yaml.sort());
  });

  test.each(FILES)('every document of %s is valid', async (file) => {
    const manifests = documents(file);
    expect(manifests.length).toBeGreaterThan(0);
    expect(formatProblems(await validateManifests(manifests))).toBe('');
  });

  test('a misspelled field is reported with its path, and a near known field', async () => {
    const manifest = job();
    Object.assign(must(manifest.spec, 'spec'), { completionsMode: 'Indexed' });
    Object.assign(must(podSpec(manifest).containers[0], 'container'), { imagePulPolicy: 'Always' });
    expect(await validateManifest(manifest)).toEqual([
      {
        where: 'Job/assay-shards',
        path: 'spec.template.spec.containers[0].imagePulPolicy',
        message: 'unknown field (did you mean imagePullPolicy?)',
      },
      {
        where: 'Job/assay-shards',
        path: 'spec.completionsMode',
        message: 'unknown field (did you mean completionMode?)',
      },
    ]);
  });

  test('an unknown field is one problem: what it holds is not looked at', async () => {
    const manifest = { ...job(), extra: { nested: { deeper: 1 } } };
    expect(await validateManifest(manifest)).toEqual([
      { where: 'Job/assay-shards', path: 'extra', message: 'unknown field' },
    ]);
  });

  test('a wrong type, a bad enum value, a missing required field and a bad quantity are reported', async () => {
    const manifest = job();
    Object.assign(must(manifest.spec, 'spec'), { completions: 'three' });
    const container = must(podSpec(manifest).containers[0], 'container');
    Object.assign(container, { imagePullPolicy: 'Sometimes', resources: { requests: { cpu: 'lots' } } });
    const volumes = podSpec(manifest).volumes as unknown[];
    const unnamed = volumes.push({ emptyDir: {} }) - 1;
    expect(await validateManifest(manifest)).toEqual([
      { where: 'Job/assay-shards', path: 'spec.completions', message: 'must be integer' },
      {
        where: 'Job/assay-shards',
        path: 'spec.template.spec.containers[0].imagePullPolicy',
        message: 'must be one of: Always, IfNotPresent, Never',
      },
      {
        where: 'Job/assay-shards',
        path: 'spec.template.spec.containers[0].resources.requests.cpu',
        message: 'must match format "quantity"',
      },
      { where: 'Job/assay-shards', path: `spec.template.spec.volumes[${unnamed}].name`, message: 'is required' },
    ]);
  });

  test('an IntOrString that is neither is one problem', async () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'postgres' },
      spec: { ports: [{ port: 5432, targetPort: true }] },
    };
    expect(await validateManifest(service)).toEqual([
      { where: 'Service/postgres', path: 'spec.ports[0].targetPort', message: 'must be string or integer' },
    ]);
  });

  test('an unknown apiVersion or kind, or something that is no manifest, is one problem', async () => {
    const problems = await validateManifests([
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { anything: 1 } },
      { apiVersion: 'batch/v1', kind: 'Widget' },
      { apiVersion: 'v1', kind: 'PodSpec', containers: [] }, // a model kubernetes-models has, but no resource
      { apiVersion: '../../x', kind: 'Job' },
      { kind: 'Job' },
      'kind: Job',
    ]);
    expect(formatProblems(problems).split('\n')).toEqual([
      'Widget/w: unknown resource: apiVersion "example.com/v1", kind "Widget"',
      'Widget: unknown resource: apiVersion "batch/v1", kind "Widget"',
      'PodSpec: unknown resource: apiVersion "v1", kind "PodSpec"',
      'Job: unknown resource: apiVersion "../../x", kind "Job"',
      'Job: unknown resource: apiVersion undefined, kind "Job"',
      'manifest: a manifest must be an object',
    ]);
  });

  test('free-form maps, quantities and IntOrString ports raise no false errors', async () => {
    const metadata = {
      name: 'assay-services',
      labels: { 'assay.dev/role': 'service', 'app.kubernetes.io/part-of': 'assay' },
      annotations: { 'assay.dev/note': 'anything: at all', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
    };
    const manifests = [
      { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', data: { POSTGRES_PASSWORD: 'c2VjcmV0' } },
      { apiVersion: 'v1', kind: 'Secret', metadata, stringData: { DATABASE_URL: 'postgres://x@postgres/assay' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { 'shard-plan.json': '{}' } },
      ...['postgres', 5432].map((targetPort) => ({
        apiVersion: 'v1',
        kind: 'Service',
        metadata,
        spec: { selector: { 'assay.dev/service': 'postgres' }, ports: [{ port: 5432, targetPort }] },
      })),
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata,
        spec: {
          containers: [
            {
              name: 'runner',
              image: 'assay-runner:latest',
              resources: { requests: { cpu: '250m', memory: '2Gi', 'nvidia.com/gpu': 1 }, limits: { cpu: 2 } },
              livenessProbe: { httpGet: { port: 'http', path: '/health' } },
              readinessProbe: { tcpSocket: { port: 8080 } },
            },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          overhead: { cpu: '10m' },
        },
      },
    ];
    expect(formatProblems(await validateManifests(manifests))).toBe('');
  });

  test('schemas that preserve unknown fields, and the fields kubernetes-models compiles away, raise no false errors', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                description: 'A widget.',
                'x-kubernetes-preserve-unknown-fields': true,
                properties: { spec: { type: 'object', default: { any: { thing: [1, 'two'] } } } },
              },
            },
          },
        ],
      },
    };
    const priority = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' }, value: 1 };
    expect(await validateManifests([crd, { ...priority, description: 'Shards first.' }])).toEqual([]);
  });

  test('problems come in the manifests’ order; the manifests are left as they were', async () => {
    const broken = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, date: {} };
    const copy = structuredClone(broken);
    const problems = await validateManifests([broken, job(), { ...broken, metadata: { name: 'b' } }]);
    expect(formatProblems(problems)).toBe(
      [
        'ConfigMap/a: date: unknown field (did you mean data?)',
        'ConfigMap/b: date: unknown field (did you mean data?)',
      ].join('\n'),
    );
    expect(broken).toEqual(copy);
  });
});

describe('the base manifests', { meta: req('CLI-006') }, () => {
  const shards = find<IJob>('Job', 'assay-shards');
  const services = ['postgres', 'redis'].map((name) => find<IDeployment>('Deployment', name));

  test('the shards are an Indexed Job whose pods each run once and keep their artifacts in a bounded emptyDir', () => {
    const spec = must(shards.spec, 'spec');
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.completions).toBeGreaterThan(0);
    expect(spec.parallelism).toBe(spec.completions);
    expect(spec.backoffLimitPerIndex).toBeGreaterThanOrEqual(0);
    const pod = podSpec(shards);
    expect(pod.restartPolicy).toBe('Never');
    const runner = must(
      pod.containers.find((c) => c.name === 'runner'),
      'runner container',
    );
    const mount = must(
      runner.volumeMounts?.find((m) => m.mountPath === '/artifacts'),
      '/artifacts mount',
    );
    const volume = must(
      pod.volumes?.find((v) => v.name === mount.name),
      'artifacts volume',
    );
    expect(quantity(must(volume.emptyDir?.sizeLimit, 'sizeLimit'))).toBeGreaterThan(0);
  });

  test('the ResourceQuota admits the base Job’s shards beside the services', () => {
    const hard = must(find<IResourceQuota>('ResourceQuota', 'assay-run').spec?.hard, 'quota');
    // A container that names no resources gets the LimitRange's defaults, and the quota counts those.
    const limits = find<ILimitRange>('LimitRange', 'assay-run').spec?.limits.find((l) => l.type === 'Container');
    const defaults = { requests: limits?.defaultRequest ?? {}, limits: limits?.default ?? {} };
    const parallelism = must(shards.spec?.parallelism, 'parallelism');
    const pods = [
      { count: parallelism, spec: podSpec(shards) },
      ...services.map((d) => ({ count: d.spec?.replicas ?? 1, spec: podSpec(d) })),
    ];
    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory', 'ephemeral-storage']) {
        const used = pods.reduce(
          (sum, { count, spec }) =>
            sum +
            count *
              spec.containers.reduce((pod, c) => {
                const value = c.resources?.[kind]?.[resource] ?? defaults[kind][resource];
                return pod + quantity(must(value, `${c.name}'s ${kind}.${resource}`));
              }, 0),
          0,
        );
        expect(used, `${kind}.${resource}`).toBeLessThanOrEqual(quantity(must(hard[`${kind}.${resource}`], resource)));
      }
    }
    expect(pods.reduce((sum, { count }) => sum + count, 0)).toBeLessThanOrEqual(quantity(must(hard.pods, 'pods')));
  });

  /** Whether a peer's or policy's selector picks pods with these labels (this test reads matchLabels only). */
  function selects(selector: INetworkPolicyPeer['podSelector'], labels: Readonly<Record<string, string>>): boolean {
    expect(selector?.matchExpressions ?? []).toEqual([]);
    return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  }

  const ports = (list: readonly INetworkPolicyPort[] | undefined) =>
    (list ?? []).map((p) => `${p.protocol ?? 'TCP'}/${p.port}`).sort();

  test('the runner policy lets the runner pods reach the services’ ports and the cluster DNS, nothing else', () => {
    const policy = must(find<INetworkPolicy>('NetworkPolicy', 'runner').spec, 'runner policy');
    expect(policy.podSelector?.matchLabels).toEqual(podLabels(shards));
    expect(policy.policyTypes).toEqual(expect.arrayContaining(['Ingress', 'Egress']));
    expect(policy.ingress ?? []).toEqual([]);
    const reached = new Set<string>();
    let dns = false;
    for (const rule of policy.egress ?? []) {
      // A rule that names no peers, or no ports, lets everything through.
      expect(rule.to?.length).toBeGreaterThan(0);
      expect(rule.ports?.length).toBeGreaterThan(0);
      for (const peer of rule.to ?? []) {
        expect(peer.ipBlock).toBeUndefined();
        if (peer.namespaceSelector) {
          expect(peer.namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } });
          expect(ports(rule.ports)).toEqual(['TCP/53', 'UDP/53']);
          dns = true;
          continue;
        }
        const selected = [shards, ...services].filter((w) => selects(peer.podSelector, podLabels(w)));
        expect(selected.map((w) => w.metadata?.name)).toHaveLength(1);
        const [service] = selected as [IDeployment];
        expect(services).toContain(service);
        const containerPorts = podSpec(service).containers.flatMap((c) => c.ports ?? []);
        expect(ports(rule.ports)).toEqual(
          ports(containerPorts.map((p) => ({ protocol: p.protocol ?? 'TCP', port: p.containerPort }))),
        );
        reached.add(must(service.metadata?.name, 'name'));
      }
    }
    expect([...reached].sort()).toEqual(['postgres', 'redis']);
    expect(dns).toBe(true);
  });

  test('the services policy admits connections from the runner pods only', () => {
    const policy = must(find<INetworkPolicy>('NetworkPolicy', 'services').spec, 'services policy');
    for (const service of services) expect(selects(policy.podSelector, podLabels(service))).toBe(true);
    expect(selects(policy.podSelector, podLabels(shards))).toBe(false);
    expect(policy.policyTypes).toContain('Ingress');
    const peers = (policy.ingress ?? []).flatMap((rule) => must(rule.from, 'from: a rule without it admits anyone'));
    expect(peers.length).toBeGreaterThan(0);
    for (const peer of peers) {
      expect(peer.ipBlock).toBeUndefined();
      expect(peer.namespaceSelector).toBeUndefined();
      expect(peer.podSelector?.matchLabels).toEqual(podLabels(shards));
    }
  });
});
