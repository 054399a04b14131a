/**
 * Offline validation of Kubernetes manifests against the API's OpenAPI schema, as kubernetes-models
 * compiles it: types, enums, formats and required fields, plus the unknown (misspelled) fields its
 * validators let through, which a cluster's strict field validation refuses. kubernetes-models ships
 * no JSON schemas, only Ajv's compiled validators: the fields a schema knows are the ones its validator
 * reads, so the manifest is validated behind a proxy that notes them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One problem in one manifest: `where` is e.g. "Job/assay-shards", `path` a JSON-pointer-like path such as "spec.template.spec.containers[0].imagePullPolicy". */
export interface ManifestProblem {
  readonly where: string;
  readonly path: string;
  readonly message: string;
}

/** The part of an Ajv error that kubernetes-models' validators throw (in a ValidationError's `errors`). */
interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** A model's `validate()`: it throws a ValidationError. */
type Validate = (this: unknown) => void;

/** What the validator needs of a kubernetes-models class. */
interface ModelClass {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly prototype: { readonly validate: Validate };
}

/** What a validator looked at in one object of a manifest. */
interface Reads {
  readonly keys: Set<string>;
  enumerated: boolean;
}

// Both end up in a module specifier: nothing else may reach the import.
const API_VERSION = /^(?:[a-z0-9][a-z0-9.-]*\/)?v\d+(?:(?:alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const IDENTIFIER = /^[A-Za-z_][\w-]*$/;
// kubernetes-models compiles its schemas without the properties named `description` (PriorityClass,
// CRD schemas) or `x-kubernetes-*` (CRD schemas) that its types declare: never call those unknown.
const UNCOMPILED = /^(?:description$|x-kubernetes-)/;

const models = new Map<string, Promise<Validate | undefined>>();

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether kubernetes-models has the module: resolving checks the package's exports, not the file. */
function exists(specifier: string): boolean {
  try {
    return existsSync(fileURLToPath(import.meta.resolve(specifier)));
  } catch {
    return false; // not exported: no such group or version
  }
}

/** The model's validate function, or undefined when kubernetes-models has no such resource. */
function loadValidate(apiVersion: string, kind: string): Promise<Validate | undefined> {
  if (!API_VERSION.test(apiVersion) || !KIND.test(kind)) return Promise.resolve(undefined);
  // The core group's `v1` is kubernetes-models' `v1/` folder, like any other group/version.
  const specifier = `kubernetes-models/${apiVersion}/${kind}`;
  let model = models.get(specifier);
  if (!model) {
    model = exists(specifier)
      ? import(/* @vite-ignore */ specifier).then((module: Readonly<Record<string, ModelClass | undefined>>) => {
          const ctor = module[kind];
          // A nested type (v1/PodSpec) has a model too, but no apiVersion and kind: it is no resource.
          return ctor?.apiVersion === apiVersion && ctor.kind === kind ? ctor.prototype.validate : undefined;
        })
      : Promise.resolve(undefined);
    models.set(specifier, model);
  }
  return model;
}

/**
 * A proxy of `value` that notes, per object, the keys a validator reads and whether it enumerates them:
 * the compiled validators read every property their schema declares and enumerate only a map's
 * (additionalProperties) keys, so a key never read is one the schema does not know.
 */
function traced(value: unknown, reads: WeakMap<object, Reads>, proxies: WeakMap<object, object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = proxies.get(value);
  if (known) return known;
  const seen: Reads = { keys: new Set(), enumerated: false };
  const proxy = new Proxy(value, {
    get(target, key) {
      if (typeof key === 'string') seen.keys.add(key);
      return traced(Reflect.get(target, key), reads, proxies);
    },
    has(target, key) {
      if (typeof key === 'string') seen.keys.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      seen.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
  reads.set(value, seen);
  proxies.set(value, proxy);
  return proxy;
}

/** `path` and one more step, as in `spec.containers[0]` or `metadata.labels["assay.dev/role"]`. */
function child(path: string, key: string, inArray: boolean): string {
  if (inArray) return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** An Ajv instance path (`/spec/containers/0`) as a path in the manifest (`spec.containers[0]`). */
function pathOf(pointer: string, data: unknown): string {
  let path = '';
  let at = data;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    path = child(path, key, Array.isArray(at));
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

/** Levenshtein's edit distance, to name the known field a misspelling is nearest. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

type Problem = Omit<ManifestProblem, 'where'>;

function schemaProblems(errors: readonly SchemaError[], data: unknown): Problem[] {
  // IntOrString and Quantity are a oneOf of two types: a value of neither fails both branches and the
  // oneOf. A branch's real complaint (a bad quantity's format) says it best; else one line names both types.
  const oneOf = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  return errors.flatMap((error): Problem[] => {
    const path = pathOf(error.instancePath, data);
    if (error.keyword === 'oneOf') {
      const here = errors.filter((e) => e.instancePath === error.instancePath && e.keyword !== 'oneOf');
      if (here.some((e) => e.keyword !== 'type')) return [];
      return [{ path, message: `must be ${here.map((e) => String(e.params.type)).join(' or ')}` }];
    }
    if (error.keyword === 'type' && oneOf.has(error.instancePath)) return [];
    if (error.keyword === 'required') {
      return [{ path: child(path, String(error.params.missingProperty), false), message: 'is required' }];
    }
    if (error.keyword === 'enum') {
      const allowed = (error.params.allowedValues as readonly unknown[]).map(String).join(', ');
      return [{ path, message: `must be one of: ${allowed}` }];
    }
    return [{ path, message: error.message ?? `fails ${error.keyword}` }];
  });
}

/** The keys of objects whose properties the validator read one by one but that it never read itself. */
function unknownFields(value: unknown, path: string, reads: WeakMap<object, Reads>): Problem[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownFields(item, child(path, String(i), true), reads));
  if (!isObject(value)) return [];
  const seen = reads.get(value);
  // Not reached by the validator (under an unknown field): nothing to say.
  if (!seen) return [];
  // A map's keys are enumerated, any key allowed; a free-form object's (preserve-unknown-fields) never read.
  const checked = !seen.enumerated && seen.keys.size > 0;
  return Object.entries(value).flatMap(([key, item]) => {
    const at = child(path, key, false);
    if (!checked || seen.keys.has(key) || UNCOMPILED.test(key)) return unknownFields(item, at, reads);
    const near = [...seen.keys].find((known) => distance(key.toLowerCase(), known.toLowerCase()) <= 2);
    return [{ path: at, message: near ? `unknown field (did you mean ${near}?)` : 'unknown field' }];
  });
}

/** `Kind/name`, as much of it as the manifest has. */
function nameOf(manifest: unknown): string {
  if (!isObject(manifest)) return 'manifest';
  const kind = typeof manifest.kind === 'string' ? manifest.kind : 'manifest';
  const name = isObject(manifest.metadata) ? manifest.metadata.name : undefined;
  return typeof name === 'string' ? `${kind}/${name}` : kind;
}

/** Validates one parsed manifest (any kind kubernetes-models knows, by apiVersion + kind) against the Kubernetes API schema, plus unknown fields. Resolves [] when valid. An unknown apiVersion/kind is one problem, not a throw. */
export async function validateManifest(manifest: unknown): Promise<ManifestProblem[]> {
  const where = nameOf(manifest);
  if (!isObject(manifest)) return [{ where, path: '', message: 'a manifest must be an object' }];
  const { apiVersion, kind } = manifest;
  const validate =
    typeof apiVersion === 'string' && typeof kind === 'string' ? await loadValidate(apiVersion, kind) : undefined;
  if (!validate) {
    const message = `unknown resource: apiVersion ${JSON.stringify(apiVersion)}, kind ${JSON.stringify(kind)}`;
    return [{ where, path: '', message }];
  }
  // A copy of its own, so that the proxies never meet a frozen object (whose values they may not wrap).
  const data = structuredClone(manifest);
  const reads = new WeakMap<object, Reads>();
  let errors: readonly SchemaError[] = [];
  try {
    // `validate()` hands `this` to the compiled validator as is (a model's constructor would copy it).
    validate.call(traced(data, reads, new WeakMap()));
  } catch (error) {
    const thrown = (error as { errors?: unknown }).errors;
    if (!Array.isArray(thrown)) throw error;
    errors = thrown as SchemaError[];
  }
  return [...schemaProblems(errors, data), ...unknownFields(data, '', reads)].map((p) => ({ where, ...p }));
}

/** All of them; problems in order. */
export async function validateManifests(manifests: readonly unknown[]): Promise<ManifestProblem[]> {
  return (await Promise.all(manifests.map(validateManifest))).flat();
}

/** One line per problem: `Job/assay-shards: spec.template…: <message>` */
export function formatProblems(problems: readonly ManifestProblem[]): string {
  return problems
    .map((p) => (p.path === '' ? `${p.where}: ${p.message}` : `${p.where}: ${p.path}: ${p.message}`))
    .join('\n');
}
