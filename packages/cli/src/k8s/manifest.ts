/** The few shapes of Kubernetes objects `assay k8s` reads and changes; the rest passes through as is. */

/** Manifests that cannot make a run: one line, exit 2. */
export class KustomizeError extends Error {
  override name = 'KustomizeError';
  readonly exitCode = 2;
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: { name: string; value?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  [field: string]: unknown;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  [field: string]: unknown;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [field: string]: unknown };
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The pod spec a workload runs (a Pod's own, or a Deployment's or Job's template), if any. */
export function podSpecOf(m: Manifest): PodSpec | undefined {
  if (m.kind === 'Pod') return m.spec as PodSpec | undefined;
  const template = m.spec?.template as { spec?: PodSpec } | undefined;
  return template?.spec;
}

const SUFFIXES: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes quantity ("250m", "2Gi", "1") as a number of units (cores, bytes). */
export function quantity(value: string | number): number {
  const match = /^(\d+(?:\.\d+)?|\.\d+)([a-zA-Z]*)$/.exec(String(value));
  const factor = match ? SUFFIXES[match[2] as string] : undefined;
  if (!match || factor === undefined) throw new KustomizeError(`invalid Kubernetes quantity '${value}'`);
  return Number(match[1]) * factor;
}
