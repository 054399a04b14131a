/**
 * @module-tag unit
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { afterEach, describe, expect, test } from 'vitest';
import {
  formatMonorepoMarkdown,
  formatMonorepoSummary,
  gatherMonorepoSummary,
  type RunSummary,
  readMonorepoSummary,
  SUMMARY_FILE,
  writeMonorepoSummary,
} from '../src/index.ts';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function monorepo(workspaces: Record<string, { summary?: Partial<RunSummary>; scripts?: boolean }>): string {
  root = mkdtempSync(join(tmpdir(), 'assay-monorepo-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  for (const [name, { summary, scripts = true }] of Object.entries(workspaces)) {
    const dir = join(root, 'packages', name);
    mkdirSync(join(dir, '.vitest', 'assay'), { recursive: true });
    const manifest = { name: `@demo/${name}`, scripts: scripts ? { 'test:pr': 'assay test --tier pr' } : {} };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    if (summary) {
      const full = {
        schemaVersion: 1,
        workspace: `@demo/${name}`,
        tier: 'pr',
        startedAt: new Date(2_000).toISOString(),
        durationMs: 1500,
        counts: { passed: 3, failed: 0, skipped: 1, deselected: 2 },
        failures: [],
        fileErrors: [],
        ok: true,
        ...summary,
      };
      writeFileSync(join(dir, SUMMARY_FILE), JSON.stringify(full));
    }
  }
  return root;
}

describe('the monorepo summary', { meta: req('TIER-005') }, () => {
  test('adds up the workspaces and tells runs from cache replays', async () => {
    const dir = monorepo({
      api: { summary: { startedAt: new Date(5_000).toISOString() } },
      web: { summary: { startedAt: new Date(1_000).toISOString() } },
      docs: { scripts: false },
    });
    const summary = await gatherMonorepoSummary({ root: dir, tier: 'pr', since: 4_000, now: 9_000 });
    expect(summary.workspaces.map((w) => [w.name, w.status])).toEqual([
      ['@demo/api', 'ran'],
      ['@demo/web', 'cached'],
    ]);
    expect(summary.totals).toEqual({ passed: 6, failed: 0, skipped: 2, deselected: 4 });
    expect(summary.wallMs).toBe(5_000);
    expect(summary.ok).toBe(true);
    const text = formatMonorepoSummary(summary, '.assay/reports/pr.json');
    expect(text.split('\n').at(-1)).toBe('assay: 6 passed, 0 failed, 6 skipped');
    expect(text).toContain('@demo/web       3       0        1           2  cached');
  });

  test('a workspace that left no summary, or a failing one, fails the tier', async () => {
    const dir = monorepo({
      api: {},
      web: {
        summary: {
          startedAt: new Date(5_000).toISOString(),
          counts: { passed: 1, failed: 1, skipped: 0, deselected: 0 },
          failures: [{ file: 'test/a.test.ts', name: 'adds', quarantined: false, message: 'expected 2 to be 3' }],
          ok: false,
        },
      },
    });
    const summary = await gatherMonorepoSummary({ root: dir, tier: 'pr', since: 4_000 });
    expect(summary.ok).toBe(false);
    expect(summary.workspaces.find((w) => w.name === '@demo/api')?.status).toBe('missing');
    const text = formatMonorepoSummary(summary, 'x.json');
    expect(text).toContain('FAIL packages/web/test/a.test.ts > adds: expected 2 to be 3');
    expect(text).toContain('no report: run failed');
  });

  test('a coverage shortfall fails its workspace, named with the metric, in the table and the job summary', async () => {
    const lines = { covered: 70, total: 100, pct: 70 };
    const full = { covered: 10, total: 10, pct: 100 };
    const coverage = {
      totals: { lines, branches: full, functions: full, statements: lines },
      shortfalls: [{ metric: 'lines', pct: 70, threshold: 80 }],
    } as const;
    const dir = monorepo({ web: { summary: { coverage, ok: false, startedAt: new Date(6_000).toISOString() } } });
    const summary = await gatherMonorepoSummary({ root: dir, tier: 'pr', since: 5_000, now: 9_000 });
    expect(summary.ok).toBe(false);
    expect(formatMonorepoSummary(summary, 'x.json')).toContain(
      'COVERAGE coverage of @demo/web: lines 70 % is below its threshold of 80 %',
    );
    const markdown = formatMonorepoMarkdown(summary);
    expect(markdown).toContain('- coverage of @demo/web: lines 70 % is below its threshold of 80 %');
    expect(markdown).toContain('| @demo/web | 70 % | 100 % | 100 % | 70 % |');
  });

  test('a summary of another tier does not count for this one', async () => {
    const dir = monorepo({ api: { summary: { tier: 'nightly' } } });
    const summary = await gatherMonorepoSummary({ root: dir, tier: 'pr', since: 0 });
    expect(summary.workspaces[0]?.status).toBe('missing');
  });
});

describe('the markdown job summary', { meta: req('TIER-008') }, () => {
  test('has a row per workspace and the failures, with names escaped', async () => {
    const dir = monorepo({
      web: {
        summary: {
          startedAt: new Date(5_000).toISOString(),
          counts: { passed: 1, failed: 1, skipped: 0, deselected: 2 },
          failures: [{ file: 't.test.ts', name: '<img src=x> | *bold*', quarantined: false, message: 'boom' }],
          ok: false,
        },
      },
    });
    const summary = await gatherMonorepoSummary({ root: dir, tier: 'pr', since: 4_000, now: 6_000 });
    const markdown = formatMonorepoMarkdown(summary);
    expect(markdown).toContain('## ❌ pr tier: 1 passed, 1 failed, 0 skipped, 2 deselected');
    expect(markdown).toContain('| ❌ @demo/web | 1 | 1 | 0 | 2 | 1.5 s |');
    expect(markdown).toContain('- `packages/web/t.test.ts` › \\<img src=x\\> \\| \\*bold\\*: boom');
  });

  test('the job summary lists each property’s statistics', async () => {
    const property = {
      file: 'test/order.test.ts',
      name: 'totals | never negative',
      profile: 'default',
      runs: 100,
      shrinks: 0,
      filteredShare: 0.125,
      timeMs: 42,
      slowestCaseMs: 3,
      replayed: 0,
    };
    const dir = monorepo({ api: { summary: { startedAt: new Date(5_000).toISOString(), properties: [property] } } });
    const markdown = formatMonorepoMarkdown(await gatherMonorepoSummary({ root: dir, tier: 'pr', since: 4_000 }));
    expect(markdown).toContain('### Properties');
    expect(markdown).toContain(
      '| `packages/api/test/order.test.ts` › totals \\| never negative | default | 100 | 0 | 13% | 42 ms | 3 ms |',
    );
  });

  test('reads back the summary it wrote, and says what to run when there is none', async () => {
    const dir = monorepo({ web: { summary: {} } });
    const summary = await gatherMonorepoSummary({ root: dir, tier: 'pr', since: 0 });
    writeMonorepoSummary(dir, summary);
    expect(readMonorepoSummary(dir, 'pr')).toEqual(summary);
    expect(() => readMonorepoSummary(dir, 'nightly')).toThrow(
      'no summary of the nightly tier at .assay/reports/nightly.json (not found): run make test-nightly first',
    );
    writeFileSync(join(dir, '.assay/reports/pr.json'), '{"schemaVersion": 1,');
    expect(() => readMonorepoSummary(dir, 'pr')).toThrow('(not valid JSON)');
  });
});
