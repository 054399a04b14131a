/**
 * @module-tag unit
 */
import { describe, expect, test } from 'vitest';
import {
  checkTraceability,
  formatTraceMarkdown,
  formatTraceReport,
  parseThreshold,
  type Requirement,
  req,
  type TestRecord,
} from '../src/index.ts';

const requirement = (
  id: string,
  status: Requirement['status'] = 'active',
  workspace = '@demo/api',
  tier: Requirement['tier'] = 'pr',
): Requirement => ({
  id,
  title: `title of ${id}`,
  status,
  tier,
  workspace,
  source: `requirements.yaml:${id.slice(-1)}`,
});
const run = (
  name: string,
  outcome: TestRecord['outcome'],
  requirements: string[],
  workspace = '@demo/api',
): TestRecord => ({
  workspace,
  file: 'test/a.test.ts',
  name,
  outcome,
  requirements,
});

// A sample repo: five active requirements in every state, one draft, one retired.
const requirements = [
  requirement('API-001'),
  requirement('API-002'),
  requirement('API-003'),
  requirement('API-004'),
  requirement('API-005', 'draft'),
  requirement('API-006', 'retired'),
  requirement('WEB-001', 'active', '@demo/web'),
];
const tests = [
  run('passes 1', 'passed', ['API-001']),
  run('passes 1 and 2', 'passed', ['API-001', 'API-002']),
  run('fails 2', 'failed', ['API-002']),
  run('skipped 3', 'not-run', ['API-003']),
  run('links a retired one', 'passed', ['API-006']),
  run('has a typo', 'passed', ['API-0001']),
  run('links nothing', 'passed', []),
  run('web proves web', 'passed', ['WEB-001'], '@demo/web'),
  run('web links nothing', 'passed', [], '@demo/web'),
];

describe('requirement states and coverage', { meta: req('TRC-003', 'TRC-004') }, () => {
  // Checked inside each test, not in the describe body: a checker that throws then fails the tests.
  const check = () => checkTraceability({ requirements, tests });

  test('each active requirement gets its state', () => {
    const report = check();
    expect(Object.fromEntries(report.requirements.map((r) => [r.id, r.state]))).toEqual({
      'API-001': 'covered-passing',
      'API-002': 'covered-failing',
      'API-003': 'not-run',
      'API-004': 'uncovered',
      'API-005': 'uncovered',
      'API-006': 'covered-passing',
      'WEB-001': 'covered-passing',
    });
    expect(report.counts).toEqual({ 'covered-passing': 2, 'covered-failing': 1, 'not-run': 1, uncovered: 1 });
  });

  test('coverage counts only active requirements proven by passing tests', () => {
    const report = check();
    expect(report.active).toBe(5);
    expect(report.coveredPassing).toBe(2);
    expect(report.percent).toBe(40);
    expect(report.tests).toBe(tests.length);
  });

  test('a requirement whose linked tests passed or did not run is covered-passing', () => {
    const report = checkTraceability({
      requirements: [requirement('API-001')],
      tests: [run('skipped', 'not-run', ['API-001']), run('passes', 'passed', ['API-001'])],
    });
    expect(report.requirements.map((r) => r.state)).toEqual(['covered-passing']);
    expect(report.percent).toBe(100);
  });

  test('with no active requirement there is nothing to cover, which is 100%', () => {
    const report = checkTraceability({ requirements: [requirement('API-001', 'draft')], tests: [], threshold: 100 });
    expect(report).toMatchObject({ active: 0, coveredPassing: 0, percent: 100, workspaces: [], ok: true });
  });

  test('each requirement lists every test linked to it, an uncovered one none', () => {
    const report = check();
    const linkedTo = (id: string) => report.requirements.find((r) => r.id === id)?.tests.map((t) => t.name);
    expect(linkedTo('API-001')).toEqual(['passes 1', 'passes 1 and 2']);
    expect(linkedTo('API-002')).toEqual(['passes 1 and 2', 'fails 2']);
    expect(linkedTo('API-004')).toEqual([]);
  });

  test('active requirements come first, then draft, then retired ones', () => {
    expect(check().requirements.map((r) => `${r.id} ${r.status}`)).toEqual([
      'API-001 active',
      'API-002 active',
      'API-003 active',
      'API-004 active',
      'WEB-001 active',
      'API-005 draft',
      'API-006 retired',
    ]);
  });

  test('a failing linked test makes its requirement covered-failing and lowers coverage', () => {
    const fixed = checkTraceability({ requirements, tests: tests.filter((t) => t.name !== 'fails 2') });
    expect(fixed.requirements.find((r) => r.id === 'API-002')?.state).toBe('covered-passing');
    expect(fixed.percent).toBe(60);
  });

  test('orphans, unknown ids and retired references are reported', () => {
    const report = check();
    expect(report.orphans.map((t) => t.name)).toEqual(['links nothing', 'web links nothing']);
    expect(report.unknownIds).toEqual([{ id: 'API-0001', tests: [expect.objectContaining({ name: 'has a typo' })] }]);
    expect(report.retiredReferences.map((r) => r.id)).toEqual(['API-006']);
  });

  test('a retired requirement no test links is not reported; an unknown id lists every test linking it', () => {
    const report = checkTraceability({
      requirements: [requirement('API-001'), requirement('API-006', 'retired'), requirement('API-007', 'retired')],
      tests: [
        run('a', 'passed', ['API-001', 'API-006']),
        run('b', 'passed', ['API-0001']),
        run('c', 'failed', ['API-0001']),
      ],
    });
    expect(report.retiredReferences).toEqual([{ id: 'API-006', tests: [expect.objectContaining({ name: 'a' })] }]);
    expect(report.unknownIds).toEqual([
      { id: 'API-0001', tests: [expect.objectContaining({ name: 'b' }), expect.objectContaining({ name: 'c' })] },
    ]);
  });

  test('per workspace breakdown', () => {
    const report = check();
    expect(report.workspaces).toEqual([
      {
        workspace: '@demo/api',
        active: 4,
        percent: 25,
        counts: { 'covered-passing': 1, 'covered-failing': 1, 'not-run': 1, uncovered: 1 },
      },
      {
        workspace: '@demo/web',
        active: 1,
        percent: 100,
        counts: { 'covered-passing': 1, 'covered-failing': 0, 'not-run': 0, uncovered: 0 },
      },
    ]);
  });
});

describe('the gate', { meta: req('TRC-005') }, () => {
  test('fails below the threshold, on unknown ids, and on orphans with --require-links', () => {
    const report = checkTraceability({ requirements, tests, threshold: 100, requireLinks: true });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      'coverage 40.0% is below the threshold of 100%',
      '1 unknown requirement id linked from tests',
      '2 tests linked to no requirement (--require-links)',
    ]);
  });

  test('passes when every active requirement is proven and every test is linked', () => {
    const clean = checkTraceability({
      requirements: [requirement('API-001'), requirement('API-002', 'draft')],
      tests: [run('a', 'passed', ['API-001']), run('b', 'not-run', ['API-002'])],
      threshold: 100,
      requireLinks: true,
    });
    expect(clean).toMatchObject({ ok: true, percent: 100, problems: [] });
  });

  test('a problem reads in the singular or the plural as its count needs', () => {
    const report = checkTraceability({
      requirements: [requirement('API-001')],
      tests: [run('a', 'passed', ['API-001', 'API-0001']), run('b', 'passed', ['API-01']), run('c', 'passed', [])],
      requireLinks: true,
    });
    expect(report.problems).toEqual([
      '2 unknown requirement ids linked from tests',
      '1 test linked to no requirement (--require-links)',
    ]);
  });

  test('a requirement proven by a later tier is deferred, not uncovered, in an earlier tier’s run', () => {
    const nightly = requirement('API-009', 'active', '@demo/api', 'nightly');
    const pr = checkTraceability({
      requirements: [requirement('API-001'), nightly],
      tests: [run('a', 'passed', ['API-001'])],
      threshold: 100,
    });
    expect(pr).toMatchObject({ ok: true, active: 1, percent: 100, tier: 'pr', deferred: ['API-009'] });
    expect(formatTraceReport(pr)).toContain('proven by a later tier than pr, so not expected of this run: API-009');
    const atNight = checkTraceability({
      requirements: [requirement('API-001'), nightly],
      tests: [run('a', 'passed', ['API-001'])],
      tier: 'nightly',
    });
    expect(atNight).toMatchObject({ active: 2, deferred: [], percent: 50 });
  });

  test('only active requirements are deferred: a draft or retired one of a later tier stays in the report', () => {
    const report = checkTraceability({
      requirements: [
        requirement('API-001'),
        requirement('API-008', 'draft', '@demo/api', 'nightly'),
        requirement('API-009', 'retired', '@demo/api', 'weekly'),
      ],
      tests: [run('a', 'passed', ['API-001', 'API-009'])],
    });
    expect(report.deferred).toEqual([]);
    expect(report.requirements.map((r) => r.id)).toEqual(['API-001', 'API-008', 'API-009']);
    expect(report.retiredReferences.map((r) => r.id)).toEqual(['API-009']);
  });

  test('--filter defers only its own workspace’s later-tier requirements', () => {
    const report = checkTraceability({
      requirements: [
        requirement('API-001'),
        requirement('API-009', 'active', '@demo/api', 'nightly'),
        requirement('WEB-001', 'active', '@demo/web'),
        requirement('WEB-009', 'active', '@demo/web', 'weekly'),
      ],
      tests: [run('web', 'passed', ['WEB-001'], '@demo/web')],
      filter: '@demo/web',
    });
    expect(report).toMatchObject({ filter: '@demo/web', active: 1, percent: 100, deferred: ['WEB-009'] });
    expect(report.requirements.map((r) => r.id)).toEqual(['WEB-001']);
  });

  test('--filter narrows to one workspace', () => {
    const web = checkTraceability({ requirements, tests, filter: '@demo/web', requireLinks: true });
    expect(web).toMatchObject({ active: 1, percent: 100, tests: 2, unknownIds: [] });
    expect(web.orphans.map((t) => t.name)).toEqual(['web links nothing']);
    expect(() => checkTraceability({ requirements, tests, filter: '@demo/nope' })).toThrow(
      "unknown workspace '@demo/nope' for --filter: it has no requirements and no tests",
    );
  });

  test('--filter takes a workspace with requirements but no tests, or with tests but no requirements', () => {
    const registry = [requirement('API-001'), requirement('WEB-001', 'active', '@demo/web')];
    const records = [run('api', 'passed', ['API-001']), run('cli', 'passed', [], '@demo/cli')];
    const web = checkTraceability({ requirements: registry, tests: records, filter: '@demo/web' });
    expect(web).toMatchObject({ filter: '@demo/web', active: 1, percent: 0, tests: 0, orphans: [] });
    const cli = checkTraceability({ requirements: registry, tests: records, filter: '@demo/cli' });
    expect(cli).toMatchObject({ filter: '@demo/cli', active: 0, percent: 100, tests: 1, requirements: [] });
    expect(cli.orphans.map((t) => t.name)).toEqual(['cli']);
  });

  test.each([
    ['0', 0],
    ['100', 100],
    ['37.5', 37.5],
    [' 80 ', 80],
  ])('threshold %j reads as %d', (text, value) => {
    expect(parseThreshold(text)).toBe(value);
  });

  test.each(['-1', '101', 'all', '', '  '])('threshold %j is rejected', (text) => {
    expect(() => parseThreshold(text)).toThrow(`invalid --threshold '${text}': expected a percentage from 0 to 100`);
  });
});

describe('output', { meta: req('TRC-003') }, () => {
  const check = () => checkTraceability({ requirements, tests, threshold: 80 });

  test('the terminal report lists the gaps, the unknown ids and the verdict', () => {
    const text = formatTraceReport(check());
    expect(text.split('\n')[0]).toBe(
      'requirement traceability: 2/5 active requirements covered by passing tests (40.0%)',
    );
    expect(text).toContain('  API-002 covered-failing: title of API-002 (requirements.yaml:2)');
    expect(text).toContain('      @demo/api: test/a.test.ts > fails 2 (failed)');
    expect(text).toContain('  API-0001 ← @demo/api: test/a.test.ts > has a typo');
    expect(text.split('\n').at(-1)).toBe(
      'traceability: FAILED: coverage 40.0% is below the threshold of 80%; 1 unknown requirement id linked from tests',
    );
  });

  test('the markdown summary has the table and the problems', () => {
    const markdown = formatTraceMarkdown(check());
    expect(markdown).toContain('| @demo/api | 4 | 1 | 1 | 1 | 1 | 25.0% |');
    expect(markdown).toContain('| API-004 | uncovered | title of API-004 |');
    expect(markdown).toContain('- coverage 40.0% is below the threshold of 80%');
  });

  test('JSON carries the schema version', () => {
    expect(JSON.parse(JSON.stringify(check()))).toMatchObject({
      schemaVersion: 1,
      source: 'results',
      filter: null,
      threshold: 80,
    });
  });
});
