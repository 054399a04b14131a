/**
 * @module-tag e2e
 *
 * The dashboard in a real headless Chromium (Debian's, through playwright-core).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyze, dashboardHtml, HistoryStore, type InsightsReport, insightsMarkdown } from '../src/index.ts';
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
  const { report } = await analyze(store);
  await store.close();
  return report;
}

describe.skipIf(needsBrowser)('the dashboard in Chromium', { meta: req('INS-006') }, () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!chromiumPath) throw new Error('Chromium is not installed (apt-get install chromium), or set ASSAY_CHROMIUM');
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(() => browser?.close());

  test('renders every section, filters work, no console errors, a test named like markup is text', async () => {
    const report = await sampleReport();
    const file = join(tempDir('page'), 'dashboard.html');
    writeFileSync(
      file,
      dashboardHtml({
        insights: report,
        traceability: { covered: 3, total: 4, percent: 75, uncovered: ['ORD-9 (uncovered)'] },
        contracts: {
          ok: false,
          pacts: [{ consumer: 'storefront', provider: 'orders-api', status: 'failing', interactions: [{}, {}] }],
          problems: ["storefront → orders-api → 'a new order': failing: $.id: expected an integer"],
        },
      }),
    );

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`file://${file}`);

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

test('the dashboard is one file: no external script, style or request', { meta: req('INS-006') }, async () => {
  const html = dashboardHtml({ insights: await sampleReport(), traceability: null, contracts: null });
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  expect(html.match(/<script/g)).toHaveLength(2);
});
