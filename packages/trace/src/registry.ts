/**
 * The requirements registry: one `requirements.yaml` per workspace. Schema (schemaVersion 1):
 *
 *   schemaVersion: 1
 *   idPattern: '^ORD-\d{3}$'      # optional; the default is DEFAULT_ID_PATTERN
 *   requirements:
 *     - id: ORD-001
 *       title: An order's total is the sum of its lines, in cents
 *       status: active              # active | draft | retired
 *       spec: docs/orders.md#totals # optional link to the specification
 *       tier: nightly               # optional: the first tier whose run proves it (pr by default)
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import { TraceInputError } from './errors.ts';

export const REGISTRY_FILE = 'requirements.yaml';
export const REGISTRY_SCHEMA_VERSION = 1;
export const DEFAULT_ID_PATTERN = '^[A-Z][A-Z0-9]*-[0-9]{3,}$';
export const STATUSES = ['active', 'draft', 'retired'] as const;
/** The tiers in run order: a requirement proven in a later tier is not expected of an earlier one's run. */
export const TIERS = ['pr', 'nightly', 'weekly'] as const;
export type Tier = (typeof TIERS)[number];
export type RequirementStatus = (typeof STATUSES)[number];

export interface Requirement {
  readonly id: string;
  readonly title: string;
  readonly status: RequirementStatus;
  readonly spec?: string;
  /** The first tier whose run proves it. */
  readonly tier: Tier;
  /** The workspace whose registry holds it. */
  readonly workspace: string;
  /** `file:line` of its entry, for messages. */
  readonly source: string;
}

const KEYS = new Set(['id', 'title', 'status', 'spec', 'tier']);

/** Parses one registry. `file` is used in messages only (relative to the repo root reads best). */
export function parseRegistry(
  text: string,
  file: string,
  workspace: string,
  defaultPattern = DEFAULT_ID_PATTERN,
): Requirement[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const at = (node: Node | null | undefined) => `${file}:${node?.range ? lines.linePos(node.range[0]).line : 1}`;
  const fail = (node: Node | null | undefined, message: string): never => {
    throw new TraceInputError(`${at(node)}: ${message}`);
  };

  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0].line ?? 1;
    const reason = (yamlError.message.split('\n', 1)[0] as string).replace(/ at line \d+, column \d+:?$/, '');
    throw new TraceInputError(`${file}:${line}: malformed YAML: ${reason}`);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(root, 'expected a mapping with schemaVersion and requirements');
  const version: unknown = root.get('schemaVersion');
  if (version !== REGISTRY_SCHEMA_VERSION) {
    fail(root, `schemaVersion must be ${REGISTRY_SCHEMA_VERSION}, found ${JSON.stringify(version ?? null)}`);
  }
  const patternText: unknown = root.get('idPattern') ?? defaultPattern;
  if (typeof patternText !== 'string') return fail(root, 'idPattern must be a string (a regular expression)');
  let pattern: RegExp;
  try {
    pattern = new RegExp(patternText);
  } catch {
    return fail(root, `idPattern '${patternText}' is not a valid regular expression`);
  }
  const list = root.get('requirements', true);
  if (!isSeq(list)) return fail(list ?? root, 'requirements must be a list');

  const requirements: Requirement[] = [];
  for (const item of list.items) {
    if (!isMap(item)) fail(item as Node, 'each requirement must be a mapping with id, title and status');
    const entry = item as YAMLMap;
    for (const pair of entry.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!KEYS.has(key)) fail(pair.key as Node, `unknown field '${key}': expected id, title, status, spec or tier`);
    }
    const field = (name: string): string | undefined => {
      const value: unknown = entry.get(name);
      if (value !== undefined && typeof value !== 'string')
        fail(entry.get(name, true) as Node, `${name} must be a string`);
      return value as string | undefined;
    };
    const id = field('id');
    const title = field('title');
    const status = field('status');
    const spec = field('spec');
    const tier = field('tier') ?? 'pr';
    if (!(TIERS as readonly string[]).includes(tier)) {
      fail(entry, `requirement ${id ?? '?'} has tier '${tier}': expected one of ${TIERS.join(', ')}`);
    }
    if (!id) return fail(entry, 'a requirement needs an id');
    if (!pattern.test(id)) fail(entry, `requirement id '${id}' does not match the id format ${patternText}`);
    if (!title) fail(entry, `requirement ${id} needs a title`);
    if (!status || !(STATUSES as readonly string[]).includes(status)) {
      fail(entry, `requirement ${id} has status '${status ?? ''}': expected one of ${STATUSES.join(', ')}`);
    }
    requirements.push({
      id,
      title: title as string,
      status: status as RequirementStatus,
      ...(spec ? { spec } : {}),
      tier: tier as Tier,
      workspace,
      source: at(entry),
    });
  }
  return requirements;
}

/** `defaultPattern`: the id format of a registry that names none (the repository's, or the built-in one). */
export function readRegistry(
  path: string,
  file: string,
  workspace: string,
  defaultPattern = DEFAULT_ID_PATTERN,
): Requirement[] {
  return parseRegistry(readFileSync(path, 'utf8'), file, workspace, defaultPattern);
}

/** Throws on an id defined twice, anywhere in the repo, naming both places. */
export function checkUniqueIds(requirements: readonly Requirement[]): void {
  const seen = new Map<string, Requirement>();
  for (const requirement of requirements) {
    const first = seen.get(requirement.id);
    if (first) {
      throw new TraceInputError(
        `${requirement.source}: duplicate requirement id ${requirement.id} (first defined at ${first.source})`,
      );
    }
    seen.set(requirement.id, requirement);
  }
}
