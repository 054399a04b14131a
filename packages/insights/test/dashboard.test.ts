/**
 * @module-tag e2e
 *
 * The dashboard in a real headless Chromium (Debian's, through playwright-core).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  analyze,
  type DashboardData,
  dashboardHtml,
  HistoryStore,
  type InsightsReport,
  insightsMarkdown,
  type Measurement,
  weekMarkdown,
} from '../src/index.ts';
import { chromiumPath } from './support/browser.ts';
import { run, tempDir } from './support/sample.ts';

const XSS = '<img src=x onerror=alert(1)>';
const STACK = 'AssertionError: expected markup to be text\n    at test/a.test.ts:12:7';

// CI installs Chromium (.ci/run); elsewhere the test says why it did not run.
const needsBrowser = !chromiumPath && !process.env.CI;

async function sampleReport(): Promise<InsightsReport> {
  const store = await HistoryStore.open(join(tempDir('dashboard'), 'history.db'));
  const letters = ['PPP', 'PFP', 'PPF', 'PPP', 'PFP', 'PPP'];
  for (const [i, column] of letters.entries()) {
    await store.writeRun(
      run(
        [
          { name: 'totals an order', durationMs: 12 + i },
          {
            name: XSS,
            status: column[1] === 'F' ? 'failed' : 'passed',
            durationMs: 30,
            ...(column[1] === 'F' ? { failure: { message: `${XSS} was not escaped in run ${i}`, stack: STACK } } : {}),
          },
          {
            name: 'quick check',
            status: column[2] === 'F' ? 'failed' : 'passed',
            durationMs: 3,
            file: 'test/b.test.ts',
          },
        ],
        { gitSha: `sha${Math.floor(i / 2)}` },
      ),
    );
    await store.writeRun(run([{ name: 'other project test', durationMs: 40 }], { project: '@sample/other' }));
  }
  await writeMeasurements(store);
  const { report } = await analyze(store);
  await store.close();
  return report;
}

const COVERAGE = ['lines', 'branches', 'functions', 'statements'];
const SURVIVED = [
  { file: 'src/order.ts', line: 12, mutator: 'ConditionalExpression' },
  { file: 'src/price.ts', line: 3, mutator: 'ArithmeticOperator' },
];

/**
 * Eight days of figures: coverage of two workspaces, both workspaces' mutation scores (the app's
 * with its surviving mutants), a benchmark slower for the last three days (regressed), and a
 * benchmark named like markup, recorded on the last two days only (too few points to judge).
 */
async function writeMeasurements(store: HistoryStore): Promise<void> {
  const percent = (kind: 'coverage' | 'mutation', project: string, name: string, value: number): Measurement => ({
    kind,
    project,
    name,
    value,
    unit: '%',
    better: 'higher',
  });
  const benchmark = (name: string, value: number, unit: string): Measurement => ({
    kind: 'benchmark',
    project: '@sample/app',
    name,
    value,
    unit,
    better: 'lower',
  });
  for (let day = 1; day <= 8; day++) {
    await store.writeMeasurements({
      gitSha: `measured${day}`,
      branch: 'main',
      recordedAt: `2026-11-0${day}T12:00:00.000Z`,
      measurements: [
        ...['@sample/app', '@sample/other'].flatMap((project, p) =>
          COVERAGE.map((name, n) => percent('coverage', project, name, 70 + 10 * p + n + day / 10)),
        ),
        { ...percent('mutation', '@sample/app', 'score', 60 + day), details: { survived: SURVIVED } },
        percent('mutation', '@sample/other', 'score', 50),
        benchmark('render', day > 5 ? 1.5 : 1, 's'),
        ...(day > 6 ? [benchmark(XSS, day, 'ms')] : []),
      ],
    });
  }
}

describe.skipIf(needsBrowser)('the dashboard in Chromium', { meta: req('INS-006') }, () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!chromiumPath) throw new Error('Chromium is not installed (apt-get install chromium), or set ASSAY_CHROMIUM');
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(() => browser?.close());

  /** The dashboard of `data` in a new page, with every console error, page error and dialog kept. */
  async function open(data: DashboardData): Promise<{ page: Page; problems: string[] }> {
    const file = join(tempDir('page'), 'dashboard.html');
    writeFileSync(file, dashboardHtml(data));
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`file://${file}`);
    return { page, problems };
  }

  test('renders every section, filters work, no console errors, a test named like markup is text', async () => {
    const { page, problems } = await open({
      insights: await sampleReport(),
      traceability: { covered: 3, total: 4, percent: 75, uncovered: ['ORD-9 (uncovered)'] },
      contracts: {
        ok: false,
        pacts: [{ consumer: 'storefront', provider: 'orders-api', status: 'failing', interactions: [{}, {}] }],
        problems: ["storefront → orders-api → 'a new order': failing: $.id: expected an integer"],
      },
    });

    // The page renders from its embedded data once loaded: wait for that (an event), not a deadline.
    await page.locator('#cards .card').nth(7).waitFor({ timeout: 0 });
    expect(await page.locator('#cards .card').count()).toBe(8);
    expect(await page.locator('#contracts tbody tr').count()).toBe(1);
    expect(await page.locator('#contracts').textContent()).toContain("'a new order': failing");
    expect(await page.locator('#cards').textContent()).toContain('75% (3/4)');
    expect(await page.locator('#tiers svg').count()).toBe(1);
    expect(await page.locator('#flaky tbody tr').count()).toBe(2);
    expect(await page.locator('#traceability').textContent()).toContain('not covered: ORD-9 (uncovered)');

    // The markup-like name is shown as text: no <img> from the data anywhere in the page.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.getByText(XSS, { exact: false }).count()).toBeGreaterThan(0);

    const rows = () => page.locator('#tests tbody tr').count();
    expect(await rows()).toBe(4);
    await page.fill('#filter', 'quick');
    expect(await rows()).toBe(1);
    expect(await page.locator('#flaky tbody tr').count()).toBe(1);
    await page.fill('#filter', '');
    await page.selectOption('#project', '@sample/other');
    expect(await rows()).toBe(1);
    expect(await page.locator('#shown').textContent()).toBe('1 of 4 tests');
    await page.selectOption('#project', '');
    await page.selectOption('#status', 'flaky');
    expect(await rows()).toBe(2);

    // Its latest kept failure: the message as text, how long ago and at which commit, the stack on request.
    await page.selectOption('#status', '');
    const failure = page.locator('#failures .failure');
    expect(await failure.count()).toBe(1);
    expect(await failure.locator('pre.message').textContent()).toBe(`${XSS} was not escaped in run 4`);
    expect(await failure.locator('p').textContent()).toContain('1 run ago (sha2)');
    expect(await failure.locator('details pre').textContent()).toBe(STACK);
    // Each test's recent results, oldest first.
    const strip = page.locator(`#tests tbody tr[data-key$="${XSS}"] .strip`);
    expect(await strip.textContent()).toBe('PFPPFP');
    await strip.hover();
    expect(await strip.getAttribute('title')).toBe(
      'last 6 results, oldest first: P 30.0 ms, F 30.0 ms, P 30.0 ms, P 30.0 ms, F 30.0 ms, P 30.0 ms',
    );
    await page.selectOption('#status', 'flaky');

    // A flaky test's name links to its row in All tests, with the filters cleared so the row is there.
    await page.locator('#flaky tbody tr a').first().click();
    expect(await rows()).toBe(4);
    const target = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(await page.locator(`#tests tbody tr[id="${target}"]`).getAttribute('data-key')).toBe(
      await page.locator('#flaky tbody tr').first().getAttribute('data-key'),
    );

    // A column's title sorts the table by it — as numbers where it holds figures — and again reverses it.
    const durations = async () =>
      page.locator('#tests tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')));
    const header = page.locator('#tests th', { hasText: 'duration' });
    await header.click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await durations();
    expect(ascending[0]).toContain('quick check'); // 3 ms
    expect(ascending.at(-1)).toContain('other project test'); // 40 ms
    await header.click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await durations()).toEqual([...ascending].reverse());

    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test('coverage, mutation testing and benchmarks: tables that sort, trend charts with axes, figures named like markup as text', async () => {
    const { page, problems } = await open({ insights: await sampleReport(), traceability: null, contracts: null });
    await page.locator('#benchmark-charts svg').nth(1).waitFor({ timeout: 0 });
    const row = (table: string, key: string) => page.locator(`#${table} tbody tr[data-key="${key}"]`);

    // Coverage: a row per workspace and metric, a chart per workspace with a line per metric.
    expect(await page.locator('#coverage-table tbody tr').count()).toBe(8);
    expect(await row('coverage-table', '@sample/other › lines').locator('td').allTextContents()).toEqual([
      '@sample/other',
      'lines',
      '80.8%',
      '80.3%',
      '+0.5%',
      'ok',
      '8',
    ]);
    const coverageCharts = page.locator('#coverage-charts > div');
    expect(await coverageCharts.locator('h3').allTextContents()).toEqual(['@sample/app', '@sample/other']);
    const legend = await coverageCharts.first().locator('.legend > span').allTextContents();
    expect(legend.sort()).toEqual(COVERAGE.map((name) => `━ ${name}`).sort());
    const axes = await coverageCharts.first().locator('svg text').allTextContents();
    expect(axes).toEqual(expect.arrayContaining(['2026-11-01', '2026-11-08', 'time', 'value (%)']));
    expect(axes.filter((label) => /^\d+(\.\d+)?%$/.test(label))).toHaveLength(3);

    // Mutation testing: the score, its surviving mutants counted and listed, one chart with a line per workspace.
    expect(await row('mutation-table', '@sample/app › score').locator('td').allTextContents()).toEqual([
      '@sample/app',
      'score',
      '68%',
      '63%',
      '+5%',
      'ok',
      '8',
      '2',
      'src/order.ts:12 ConditionalExpression, src/price.ts:3 ArithmeticOperator',
    ]);
    // Without details, no survivors are made up.
    expect(await row('mutation-table', '@sample/other › score').locator('td').nth(7).textContent()).toBe('—');
    expect(await page.locator('#mutation-charts svg').count()).toBe(1);
    expect(await page.locator('#mutation-charts .legend').textContent()).toBe('━ @sample/app━ @sample/other');

    // Benchmarks: the slower one regressed (highlighted), a small chart per figure in its own unit.
    const render = row('benchmark-table', '@sample/app › render');
    expect(await render.locator('td').allTextContents()).toEqual([
      '@sample/app',
      'render',
      '1.5 s',
      '1 s',
      '+0.5 s',
      'regressed',
      '8',
    ]);
    expect(await render.locator('td.regressed').textContent()).toBe('regressed');
    const benchmarkChart = (name: string) =>
      page.locator('#benchmark-charts > div').filter({ has: page.getByRole('heading', { name, exact: true }) });
    expect(await page.locator('#benchmark-charts svg').count()).toBe(2);
    expect(await benchmarkChart('@sample/app: render').locator('svg text').allTextContents()).toEqual(
      expect.arrayContaining(['2026-11-01', '2026-11-08', 'value (s)', '1.55 s']),
    );
    // Two points a day apart: the dates carry the time of day.
    expect(await benchmarkChart(`@sample/app: ${XSS}`).locator('svg text').allTextContents()).toEqual(
      expect.arrayContaining(['2026-11-07 12:00', '2026-11-08 12:00', 'value (ms)']),
    );

    // The figure named like markup is text in the table and the chart's title, not an element.
    expect(await row('benchmark-table', `@sample/app › ${XSS}`).locator('td').nth(1).textContent()).toBe(XSS);
    expect(await row('benchmark-table', `@sample/app › ${XSS}`).locator('td').nth(4).textContent()).toBe('—');
    expect(await page.locator('img').count()).toBe(0);

    // A column's title sorts the table by it, as numbers, and again reverses it.
    const latest = () => page.locator('#coverage-table tbody td:nth-child(3)').allTextContents();
    const header = page.locator('#coverage-table th', { hasText: 'latest' });
    await header.click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await latest();
    expect(ascending).toEqual([...ascending].sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b)));
    expect([ascending[0], ascending.at(-1)]).toEqual(['70.8%', '83.8%']);
    await header.click();
    expect(await latest()).toEqual([...ascending].reverse());

    // The project filter reaches the figures; a table it empties says so rather than "nothing recorded".
    await page.selectOption('#project', '@sample/other');
    expect(await page.locator('#coverage-table tbody tr').count()).toBe(4);
    expect(await page.locator('#benchmark-table').textContent()).toBe('no figures match the filters');

    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test('a long All tests table is drawn a page at a time; a link opens the page that holds its test', async () => {
    const sample = await sampleReport();
    const model = sample.latest[0] as InsightsReport['latest'][number];
    const latest = Array.from({ length: 1_200 }, (_, i) => ({
      ...model,
      key: `${model.project} > test/many.test.ts > case ${String(i).padStart(4, '0')}`,
      name: `case ${String(i).padStart(4, '0')}`,
      durationMs: i,
    }));
    const linked = latest[1_100] as (typeof latest)[number];
    const flaky = [{ ...(sample.flaky[0] as InsightsReport['flaky'][number]), key: linked.key }];
    const { page, problems } = await open({
      insights: { ...sample, latest, flaky },
      traceability: null,
      contracts: null,
    });
    await page.locator('#shown', { hasText: 'of 1200 tests' }).waitFor({ timeout: 0 });

    const rows = page.locator('#tests tbody tr');
    const pager = page.locator('#tests .pager');
    const turn = (label: string) => pager.getByRole('button', { name: label });
    expect(await rows.count()).toBe(500);
    expect(await pager.textContent()).toContain('rows 1–500 of 1200');
    expect(await turn('‹ previous').isDisabled()).toBe(true);
    await turn('next ›').click();
    await turn('next ›').click();
    expect(await pager.textContent()).toContain('rows 1001–1200 of 1200');
    expect(await rows.count()).toBe(200);
    expect(await turn('next ›').isDisabled()).toBe(true);

    // Filtering starts again at the first page; a filter that leaves one page needs no pager.
    await page.fill('#filter', 'case 0');
    expect(await pager.textContent()).toContain('rows 1–500 of 1000');
    await page.fill('#filter', 'case 11');
    expect(await rows.count()).toBe(100);
    expect(await pager.count()).toBe(0);

    // The flaky test's link clears the filter and draws page 3, where its row is.
    await page.locator('#flaky tbody tr a').click();
    expect(await pager.textContent()).toContain('rows 1001–1200 of 1200');
    const target = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(await page.locator(`#tests tbody tr[id="${target}"]`).getAttribute('data-key')).toBe(linked.key);

    // Sorting starts again at the first page, in the new order.
    await page.locator('#tests th', { hasText: 'duration' }).click();
    await page.locator('#tests th', { hasText: 'duration' }).click();
    expect(await pager.textContent()).toContain('rows 1–500 of 1200');
    expect(await rows.first().getAttribute('data-key')).toBe(latest[1_199]?.key);

    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test('without measurements, each section says what records its figures', async () => {
    const insights = { ...(await sampleReport()), measurements: [] };
    const { page, problems } = await open({ insights, traceability: null, contracts: null });
    await page.locator('#tests tbody tr').first().waitFor({ timeout: 0 });
    expect(await page.locator('#coverage-table').textContent()).toBe(
      'No coverage recorded yet: a tier with coverage on records it',
    );
    expect(await page.locator('#mutation-table').textContent()).toBe(
      'No mutation score recorded yet: a mutation run records it',
    );
    expect(await page.locator('#benchmark-table').textContent()).toBe(
      'No benchmarks recorded yet: assay insights benchmarks --record stores them',
    );
    expect(await page.locator('#coverage-charts, #mutation-charts, #benchmark-charts').locator('svg').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('the markdown job summary', { meta: req('INS-006') }, () => {
  test('headline, tiers, flaky, regressions and slowest, with test names escaped', async () => {
    const markdown = insightsMarkdown(await sampleReport());
    expect(markdown).toContain(
      '12 runs recorded (0 cache replays not counted), 4 tests: 2 flaky, 0 broken, 0 duration regressions.',
    );
    expect(markdown).toContain('| pr |');
    expect(markdown).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(markdown).not.toContain(XSS);
  });
});

describe('the week in tests (the weekly workflow’s job summary)', { meta: req('INS-006') }, () => {
  test('each tier’s runs of the last 7 days passed and failed, flaky tests and regressions, names escaped', async () => {
    const sample = await sampleReport();
    const session = (day: number, failed: number) => ({
      session: `s${day}`,
      startedAt: `2026-11-${String(day).padStart(2, '0')}T02:00:00.000Z`,
      wallMs: 1000,
      workspaces: 3,
      passed: 10,
      failed,
      replayed: 0,
    });
    const tiers = [
      { tier: 'nightly', sessions: [20, 24, 25, 26, 30].map((day) => session(day, day === 26 ? 2 : 0)), trend: null },
      { tier: 'weekly', sessions: [session(22, 1)], trend: null },
      { tier: 'pr', sessions: [25, 26, 27].map((day) => session(day, 0)), trend: null },
    ];
    const markdown = weekMarkdown({ ...sample, tiers }, new Date('2026-12-01T01:00:00Z'));
    expect(markdown).toContain('## The week in tests (2026-11-24 to 2026-12-01)');
    expect(markdown).toContain('2 flaky, 0 broken, 0 duration regressions now.');
    expect(markdown).toContain('| nightly | 4 | 3 | 1 | passed (2026-11-30) |');
    expect(markdown).toContain('| weekly | 0 | 0 | 0 | – |');
    // Every kept PR session is this week's: the week may have had more than the report keeps.
    expect(markdown).toContain('| pr | ≥ 3 | 3 | 0 | passed (2026-11-27) |');
    expect(markdown).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(markdown).not.toContain(XSS);
  });
});

test('the dashboard is one file: no external script, style or request', { meta: req('INS-006') }, async () => {
  const html = dashboardHtml({ insights: await sampleReport(), traceability: null, contracts: null });
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  expect(html.match(/<script/g)).toHaveLength(2);
});
