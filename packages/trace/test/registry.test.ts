/**
 * @module-tag unit
 */
import { describe, expect, test } from 'vitest';
import { checkUniqueIds, parseRegistry, req, TraceInputError } from '../src/index.ts';

const parse = (text: string) => parseRegistry(text, 'apps/api/requirements.yaml', '@demo/api');

describe('the registry', { meta: req('TRC-001') }, () => {
  test('reads requirements with their status, spec and source line', () => {
    const requirements = parse(`schemaVersion: 1
requirements:
  - id: ORD-001
    title: Totals are in cents
    status: active
    spec: docs/orders.md#totals
  - id: ORD-002
    title: Old rule
    status: retired
`);
    expect(requirements).toEqual([
      {
        id: 'ORD-001',
        title: 'Totals are in cents',
        status: 'active',
        spec: 'docs/orders.md#totals',
        tier: 'pr',
        workspace: '@demo/api',
        source: 'apps/api/requirements.yaml:3',
      },
      {
        id: 'ORD-002',
        title: 'Old rule',
        status: 'retired',
        tier: 'pr',
        workspace: '@demo/api',
        source: 'apps/api/requirements.yaml:7',
      },
    ]);
  });

  test('a registry can set its own id format', () => {
    const text =
      "schemaVersion: 1\nidPattern: '^REQ_[a-z]+$'\nrequirements:\n  - { id: REQ_login, title: Log in, status: draft }\n";
    expect(parse(text).map((r) => r.id)).toEqual(['REQ_login']);
  });

  test('the repository’s id format (assay.config.ts) applies where a registry names none', () => {
    const text = 'schemaVersion: 1\nrequirements:\n  - { id: REQ_login, title: Log in, status: draft }\n';
    const file = 'apps/api/requirements.yaml';
    expect(parseRegistry(text, file, '@demo/api', '^REQ_[a-z]+$').map((r) => r.id)).toEqual(['REQ_login']);
    expect(() => parse(text)).toThrow("requirement id 'REQ_login' does not match the id format");
  });
});

describe('bad registries: one line naming file and line', { meta: req('TRC-006') }, () => {
  test.each([
    [
      'schemaVersion: 1\nrequirements:\n  - id: ORD-001\n    title: [unclosed\n',
      'apps/api/requirements.yaml:5: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'schemaVersion: 1\nrequirements:\n  - id: ORD-001\n   title: x\n',
      /^apps\/api\/requirements\.yaml:4: malformed YAML: /,
    ],
    ['schemaVersion: 2\nrequirements: []\n', 'apps/api/requirements.yaml:1: schemaVersion must be 1, found 2'],
    ['schemaVersion: 1\nrequirements: {}\n', 'apps/api/requirements.yaml:2: requirements must be a list'],
    [
      'schemaVersion: 1\nrequirements:\n  - id: ord-1\n    title: x\n    status: active\n',
      "apps/api/requirements.yaml:3: requirement id 'ord-1' does not match the id format ^[A-Z][A-Z0-9]*-[0-9]{3,}$",
    ],
    [
      'schemaVersion: 1\nrequirements:\n  - id: ORD-001\n    title: x\n    status: done\n',
      "apps/api/requirements.yaml:3: requirement ORD-001 has status 'done': expected one of active, draft, retired",
    ],
    [
      'schemaVersion: 1\nrequirements:\n  - id: ORD-001\n    status: active\n',
      'apps/api/requirements.yaml:3: requirement ORD-001 needs a title',
    ],
    [
      'schemaVersion: 1\nrequirements:\n  - id: ORD-001\n    title: x\n    status: active\n    owner: me\n',
      "apps/api/requirements.yaml:6: unknown field 'owner': expected id, title, status, spec or tier",
    ],
    [
      'schemaVersion: 1\nrequirements:\n  - { id: ORD-001, title: x, status: active, tier: hourly }\n',
      "apps/api/requirements.yaml:3: requirement ORD-001 has tier 'hourly': expected one of pr, nightly, weekly",
    ],
    [
      "schemaVersion: 1\nidPattern: '(['\nrequirements: []\n",
      "apps/api/requirements.yaml:1: idPattern '([' is not a valid regular expression",
    ],
  ])('%j', (text, message) => {
    const error = (() => {
      try {
        parse(text);
      } catch (caught) {
        return caught as TraceInputError;
      }
    })();
    expect(error).toBeInstanceOf(TraceInputError);
    expect(error?.exitCode).toBe(2);
    if (typeof message === 'string') expect(error?.message).toBe(message);
    else expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  });

  test('a duplicate id names both places', () => {
    const a = parse('schemaVersion: 1\nrequirements:\n  - { id: ORD-001, title: a, status: active }\n');
    const b = parseRegistry(
      'schemaVersion: 1\nrequirements:\n\n  - { id: ORD-001, title: b, status: draft }\n',
      'apps/web/requirements.yaml',
      '@demo/web',
    );
    expect(() => checkUniqueIds([...a, ...b])).toThrow(
      'apps/web/requirements.yaml:4: duplicate requirement id ORD-001 (first defined at apps/api/requirements.yaml:3)',
    );
  });
});
