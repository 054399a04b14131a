/**
 * @module-tag unit
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readVitestReport, req } from '../src/index.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-trace-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = () => readVitestReport(join(dir, 'output.json'), 'api/.vitest/json/output.json', '@demo/api', dir);

describe('recorded results', { meta: req('TRC-002') }, () => {
  test('each test with its outcome and the requirements from its meta', () => {
    const report = {
      testResults: [
        {
          name: join(dir, 'test/a.test.ts'),
          assertionResults: [
            { ancestorTitles: ['orders'], title: 'totals', status: 'passed', meta: { requirements: ['ORD-001'] } },
            { ancestorTitles: [], title: 'broken', status: 'failed', meta: {} },
            { ancestorTitles: [], title: 'deselected', status: 'skipped', meta: { requirements: ['ORD-002'] } },
            { ancestorTitles: [], title: 'later', status: 'todo' },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'output.json'), JSON.stringify(report));
    expect(read()).toEqual([
      {
        workspace: '@demo/api',
        file: 'test/a.test.ts',
        name: 'orders > totals',
        outcome: 'passed',
        requirements: ['ORD-001'],
      },
      { workspace: '@demo/api', file: 'test/a.test.ts', name: 'broken', outcome: 'failed', requirements: [] },
      {
        workspace: '@demo/api',
        file: 'test/a.test.ts',
        name: 'deselected',
        outcome: 'not-run',
        requirements: ['ORD-002'],
      },
      { workspace: '@demo/api', file: 'test/a.test.ts', name: 'later', outcome: 'not-run', requirements: [] },
    ]);
  });
});

describe('missing or corrupt results: one line, exit 2', { meta: req('TRC-006') }, () => {
  test('missing', () => {
    expect(read).toThrow(
      'no test results at api/.vitest/json/output.json: run the tests first (make test-pr), or use --static',
    );
  });

  test('not JSON', () => {
    writeFileSync(join(dir, 'output.json'), '{"testResults": [');
    expect(read).toThrow(/^corrupt test results at api\/\.vitest\/json\/output\.json: .+; run the tests again$/);
  });

  test('not a Vitest report', () => {
    writeFileSync(join(dir, 'output.json'), '{"tests": []}');
    expect(read).toThrow(
      'corrupt test results at api/.vitest/json/output.json: not a Vitest JSON report (no testResults); run the tests again',
    );
  });

  test('requirements that are not a list of ids', () => {
    const report = {
      testResults: [
        {
          name: join(dir, 'a.test.ts'),
          assertionResults: [{ ancestorTitles: [], title: 't', status: 'passed', meta: { requirements: 'ORD-001' } }],
        },
      ],
    };
    writeFileSync(join(dir, 'output.json'), JSON.stringify(report));
    expect(read).toThrow(
      "api/.vitest/json/output.json: a.test.ts > t: meta.requirements must be a list of requirement ids; use req('ID', …)",
    );
  });
});
