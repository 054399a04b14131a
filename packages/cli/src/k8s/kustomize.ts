/**
 * Kustomize's build for the fields Assay's manifests use, so `assay k8s` renders an overlay without
 * kubectl: resources (files, and folders with a kustomization.yaml), namespace, labels, images,
 * secretGenerator (literals, envs) with disableNameSuffixHash, and JSON 6902 patches. Any other
 * field is refused by name: an overlay that needs the full tool fails here instead of rendering
 * differently from `kubectl kustomize`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import jsonPatch, { type Operation } from 'fast-json-patch';
import { parse, parseAllDocuments } from 'yaml';
import { KustomizeError, type Manifest, podSpecOf } from './manifest.ts';

interface Kustomization {
  readonly namespace?: string;
  readonly labels?: readonly { readonly pairs: Readonly<Record<string, string>> }[];
  readonly resources?: readonly string[];
  readonly images?: readonly { name: string; newName?: string; newTag?: string; digest?: string }[];
  readonly secretGenerator?: readonly { name: string; type?: string; literals?: string[]; envs?: string[] }[];
  readonly generatorOptions?: { readonly disableNameSuffixHash?: boolean };
  readonly patches?: readonly { target?: { kind?: string; name?: string }; patch?: string; path?: string }[];
}

/** The fields implemented here, and the keys of each one's entries. */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  apiVersion: [],
  kind: [],
  namespace: [],
  labels: ['pairs'],
  resources: [],
  images: ['name', 'newName', 'newTag', 'digest'],
  secretGenerator: ['name', 'type', 'literals', 'envs'],
  generatorOptions: ['disableNameSuffixHash'],
  patches: ['target', 'patch', 'path'],
};
const TARGET_KEYS = ['kind', 'name'];

/** Refuses what kustomize would do and this would not: a field, or a key of an entry. */
function checkFields(k: object, where: string) {
  const refuse = (what: string) => {
    throw new KustomizeError(`${where}: ${what} is not supported here: render with kubectl kustomize`);
  };
  for (const [field, value] of Object.entries(k)) {
    const keys = FIELDS[field];
    if (!keys) refuse(`'${field}'`);
    if (keys?.length === 0) continue;
    const entries = field === 'generatorOptions' ? [value] : value;
    if (!Array.isArray(entries)) throw new KustomizeError(`${where}: '${field}' must be a list`);
    for (const entry of entries as Record<string, unknown>[]) {
      for (const key of Object.keys(entry ?? {})) if (!keys?.includes(key)) refuse(`'${field}' with '${key}'`);
      const target = field === 'patches' ? (entry.target as object | undefined) : undefined;
      for (const key of Object.keys(target ?? {})) if (!TARGET_KEYS.includes(key)) refuse(`a patch target's '${key}'`);
    }
  }
  if ((k as Kustomization).resources && !Array.isArray((k as Kustomization).resources)) {
    throw new KustomizeError(`${where}: 'resources' must be a list`);
  }
}

// Kinds that live outside any namespace (of those a test run would hold).
export const CLUSTER_KINDS = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingWebhookConfiguration',
]);

/** `kubectl kustomize DIR`, as objects, for the subset above. */
export function kustomize(dir: string): Manifest[] {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new KustomizeError(`no kustomization.yaml in ${dir}`);
  const where = relative(process.cwd(), file) || file;
  const k = parseYaml(readFileSync(file, 'utf8'), file) as Kustomization | null;
  if (!k || typeof k !== 'object') throw new KustomizeError(`${where}: not a kustomization`);
  checkFields(k, where);

  const manifests = (k.resources ?? []).flatMap((entry) => resource(join(dir, entry), where));
  manifests.push(...(k.secretGenerator ?? []).map((g) => secret(g, dir, where, k.generatorOptions)));
  for (const p of k.patches ?? []) applyPatch(manifests, p, dir, where);
  if (k.namespace) for (const m of manifests) setNamespace(m, k.namespace);
  for (const { pairs } of k.labels ?? []) for (const m of manifests) Object.assign(labelsOf(m), pairs);
  for (const image of k.images ?? []) for (const m of manifests) setImage(m, image);
  return manifests;
}

function resource(path: string, where: string): Manifest[] {
  if (!existsSync(path)) throw new KustomizeError(`${where}: resource ${path} does not exist`);
  if (statSync(path).isDirectory()) return kustomize(path);
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new KustomizeError(`${path}: ${firstLine(doc.errors[0]?.message)}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

const firstLine = (message = '') => message.split('\n')[0];

function parseYaml(text: string, file: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw new KustomizeError(`${file}: ${firstLine((error as Error).message)}`);
  }
}

function secret(
  generator: NonNullable<Kustomization['secretGenerator']>[number],
  dir: string,
  where: string,
  options: Kustomization['generatorOptions'],
): Manifest {
  // Kustomize appends a hash of the data to a generated name; Assay's manifests refer to the plain name.
  if (options?.disableNameSuffixHash !== true) {
    throw new KustomizeError(`${where}: secretGenerator needs generatorOptions.disableNameSuffixHash: true`);
  }
  const pairs = [
    ...(generator.literals ?? []),
    ...(generator.envs ?? []).flatMap((env) => {
      const path = join(dir, env);
      if (!existsSync(path))
        throw new KustomizeError(`${where}: secret ${generator.name} reads ${path}, which is missing`);
      return readFileSync(path, 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
    }),
  ];
  const data: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new KustomizeError(`${where}: secret ${generator.name}: '${pair}' is not KEY=VALUE`);
    data[pair.slice(0, at)] = Buffer.from(pair.slice(at + 1)).toString('base64');
  }
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: generator.name },
    type: generator.type ?? 'Opaque',
    data,
  };
}

function applyPatch(
  manifests: Manifest[],
  p: NonNullable<Kustomization['patches']>[number],
  dir: string,
  where: string,
) {
  if (p.path && !existsSync(join(dir, p.path)))
    throw new KustomizeError(`${where}: patch file ${p.path} does not exist`);
  const text = p.patch ?? (p.path ? readFileSync(join(dir, p.path), 'utf8') : undefined);
  const operations = text === undefined ? undefined : parseYaml(text, where);
  if (!Array.isArray(operations) || !p.target) {
    throw new KustomizeError(`${where}: only JSON 6902 patches (a target and a list of operations) are supported here`);
  }
  const { kind, name } = p.target;
  const targets = manifests.filter((m) => (!kind || m.kind === kind) && (!name || m.metadata.name === name));
  if (targets.length === 0)
    throw new KustomizeError(`${where}: patch target ${kind ?? '*'}/${name ?? '*'} matches no resource`);
  for (const target of targets) {
    try {
      jsonPatch.applyPatch(target, operations as Operation[], true);
    } catch (error) {
      throw new KustomizeError(
        `${where}: patch of ${target.kind}/${target.metadata.name}: ${(error as Error).message.split('\n')[0]}`,
      );
    }
  }
}

export function setNamespace(m: Manifest, namespace: string) {
  if (m.kind === 'Namespace') m.metadata.name = namespace;
  else if (!CLUSTER_KINDS.has(m.kind)) m.metadata.namespace = namespace;
}

function labelsOf(m: Manifest): Record<string, string> {
  m.metadata.labels ??= {};
  return m.metadata.labels;
}

function setImage(m: Manifest, image: NonNullable<Kustomization['images']>[number]) {
  const spec = podSpecOf(m);
  for (const container of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    const name = container.image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
    if (name !== image.name) continue;
    // As kustomize writes them: name:tag@digest when both are given.
    const tag = image.newTag ? `:${image.newTag}` : image.digest ? '' : container.image.slice(name.length);
    container.image = `${image.newName ?? name}${tag}${image.digest ? `@${image.digest}` : ''}`;
  }
}
