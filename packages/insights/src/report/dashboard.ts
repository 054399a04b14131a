/**
 * The dashboard: one self-contained HTML file (no network, no external script) showing an
 * InsightsReport. The data travels as JSON inside a script element, with `<` escaped so no value can
 * close it; the page builds every row with textContent, so a test named `<img onerror=…>` is text.
 * Beside the tests: tier wall times, and each workspace's coverage, mutation score and benchmark
 * figures, as tables and trend charts drawn as inline SVG.
 */
import type { InsightsReport } from '../analysis/analyze.ts';

export interface TraceabilitySummary {
  readonly covered: number;
  readonly total: number;
  readonly percent: number;
  readonly uncovered: readonly string[];
}

/** `assay contract verify`'s result (.assay/reports/contracts.json), as the dashboard shows it. */
export interface ContractsSummary {
  readonly ok: boolean;
  readonly pacts: readonly {
    readonly consumer: string;
    readonly provider: string;
    readonly status: string;
    readonly interactions: readonly unknown[];
  }[];
  readonly problems: readonly string[];
}

export interface DashboardData {
  readonly insights: InsightsReport;
  readonly traceability: TraceabilitySummary | null;
  readonly contracts: ContractsSummary | null;
}

/** JSON safe inside <script>: `<`, `>`, `&` and the line separators as unicode escapes. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1d232a;color:#fff;padding:14px 24px}header h1{margin:0;font-size:18px}
header p{margin:4px 0 0;color:#b9c1cc}
main{padding:16px 24px;display:grid;gap:16px}
section{background:#fff;border:1px solid #dfe3e8;border-radius:6px;padding:12px 16px}
h2{font-size:15px;margin:0 0 8px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #dfe3e8;border-radius:6px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}
th{font-weight:600;color:#4b5563}td.n{text-align:right;font-variant-numeric:tabular-nums}
.failed,.broken,.regressed{color:#b42318}.passed,.healthy,.ok{color:#067647}.flaky{color:#b54708}.skipped,.refused{color:#6b7280}
.filters{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
input,select{font:inherit;padding:4px 6px}
.empty{color:#6b7280;font-style:italic}
svg{background:#fafbfc;border:1px solid #eef0f3}
figure{margin:0}.charts{display:flex;flex-wrap:wrap;gap:8px 24px}h3{font-size:13px;margin:12px 0 4px}
.legend{display:flex;gap:12px;flex-wrap:wrap;margin:2px 0;font-size:12px}
th[aria-sort]{cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}
tr:target{background:#fff7d6}a{color:#1d4ed8}
.strip{font:12px ui-monospace,monospace;letter-spacing:1px}.failure{border-top:1px solid #eef0f3;padding:4px 0}
.failure p{margin:4px 0}pre{margin:4px 0;white-space:pre-wrap;font:12px ui-monospace,monospace;background:#fafbfc;padding:6px}
pre.message{color:#b42318}.pager{margin:6px 0;font-size:13px}
`;

// Runs in the browser: builds the page from the embedded data. Plain DOM, no innerHTML with data.
const SCRIPT = `
const data = JSON.parse(document.getElementById('insights-data').textContent);
const r = data.insights;
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
};
const ms = (v) => v >= 1000 ? (v / 1000).toFixed(2) + ' s' : v.toFixed(1) + ' ms';
const filters = { text: '', project: '', status: '' };
const matches = (row) =>
  (!filters.text || (row.key || row.file || '').toLowerCase().includes(filters.text)) &&
  (!filters.project || row.project === filters.project);

// Each table's sort: the column and direction the user clicked last (kept across filtering).
const sorts = {};
const compare = (a, b) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true });

// A long table is drawn a page at a time: building 10,000 rows of DOM takes seconds.
const PAGE_SIZE = 500;
// Each paged table's page (from 0); filtering or sorting starts it again at the first.
const pages = {};
const firstPages = () => { for (const id of Object.keys(pages)) delete pages[id]; };
// The key of the test a link asked for: its table draws the page that holds it.
let reveal = null;

/** The rows of \`shown\` on the table's current page, and the pager that turns its pages (null if one page). */
function paged(id, shown) {
  if (shown.length <= PAGE_SIZE) return { rows: shown, pager: null };
  const last = Math.ceil(shown.length / PAGE_SIZE) - 1;
  const wanted = reveal === null ? -1 : shown.findIndex((row) => row.key === reveal);
  if (wanted >= 0) pages[id] = Math.floor(wanted / PAGE_SIZE);
  const page = Math.min(pages[id] || 0, last);
  const from = page * PAGE_SIZE;
  const rows = shown.slice(from, from + PAGE_SIZE);
  const turn = (label, to) => {
    const button = el('button', { type: 'button', class: 'page' }, label);
    if (to < 0 || to > last) button.disabled = true;
    button.addEventListener('click', () => { pages[id] = to; render(); });
    return button;
  };
  const pager = el('p', { class: 'pager' }, turn('‹ previous', page - 1),
    el('span', {}, ' rows ' + (from + 1) + '–' + (from + rows.length) + ' of ' + shown.length + ' '), turn('next ›', page + 1));
  return { rows, pager };
}

function table(id, columns, rows, empty, rowId) {
  const host = document.getElementById(id);
  host.replaceChildren();
  const shown = rows.filter(matches);
  if (shown.length === 0) { host.append(el('p', { class: 'empty' }, empty)); return; }
  const sort = sorts[id];
  if (sort) {
    const key = columns[sort.column].sort || columns[sort.column].value;
    shown.sort((a, b) => sort.direction * compare(key(a), key(b)));
  }
  // A click on a column's title sorts by it; a second click reverses the order.
  const head = el('tr', {}, ...columns.map((c, i) => {
    const th = el('th', { tabindex: '0', 'aria-sort': sort && sort.column === i ? (sort.direction > 0 ? 'ascending' : 'descending') : 'none' }, c.title);
    const toggle = () => { sorts[id] = { column: i, direction: sort && sort.column === i ? -sort.direction : 1 }; delete pages[id]; render(); };
    th.addEventListener('click', toggle);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter') toggle(); });
    return th;
  }));
  const page = paged(id, shown);
  const body = page.rows.map((row) => el('tr', { 'data-key': row.key || row.file, ...(rowId ? { id: rowId(row) } : {}) },
    ...columns.map((c) => { const v = c.value(row); return el('td', c.attrs ? c.attrs(row) : {}, v); })));
  host.append(el('table', {}, el('thead', {}, head), el('tbody', {}, ...body)));
  if (page.pager) host.append(page.pager);
}

// The All tests table's rows carry an id per test, which the other tables' test names link to.
const rowIds = new Map(r.latest.map((t, i) => [t.key, 't-' + i]));
/** A test's name, linked to its row in All tests (filters are cleared and its page drawn, so the row is there). */
const testLink = (t) => {
  const id = rowIds.get(t.key);
  if (!id) return t.key;
  const a = el('a', { href: '#' + id }, t.key);
  a.addEventListener('click', () => {
    filters.text = ''; filters.project = ''; filters.status = '';
    document.getElementById('filter').value = '';
    document.getElementById('project').value = '';
    document.getElementById('status').value = '';
    reveal = t.key;
    render();
    reveal = null;
  });
  return a;
};

const SVG = 'http://www.w3.org/2000/svg';
const svgEl = (tag, attrs, text) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};
const PALETTE = ['#2563eb', '#b54708', '#067647', '#7c3aed', '#be185d', '#0e7490'];
const DAY = 24 * 60 * 60 * 1000;

/**
 * A line chart, a line per series ({ name, points: [{ t (ms since epoch), y, bad, title }] }): time
 * across with the first and last dates labelled, values up with three labels written by format, a dot
 * per point with its title on hover, and a legend of the series' names when they have one.
 */
function chart(lines, { label, yTitle, format, width = 640, height = 160 }) {
  const left = 84, right = 12, top = 10, bottom = 34;
  const points = lines.flatMap((l) => l.points);
  const t0 = Math.min(...points.map((p) => p.t)), span = Math.max(...points.map((p) => p.t)) - t0;
  const low = Math.min(...points.map((p) => p.y)), high = Math.max(...points.map((p) => p.y));
  // Fitted to the values rather than from zero, so coverage going from 81% to 83% shows as a slope.
  const margin = (high - low || Math.abs(high) || 1) / 10;
  const y0 = low >= 0 ? Math.max(0, low - margin) : low - margin, y1 = high + margin;
  const x = (t) => left + (span ? (t - t0) / span : 0.5) * (width - left - right);
  const y = (v) => height - bottom - ((v - y0) / (y1 - y0)) * (height - top - bottom);
  const date = (t) => new Date(t).toISOString().slice(0, span < 2 * DAY ? 16 : 10).replace('T', ' ');
  const svg = svgEl('svg', { width, height, role: 'img', 'aria-label': label, 'font-size': '10' });
  svg.append(
    svgEl('polyline', { fill: 'none', stroke: '#9ca3af', points: left + ',' + top + ' ' + left + ',' + y(y0) + ' ' + (width - right) + ',' + y(y0) }),
    ...[y0, (y0 + y1) / 2, y1].map((v) => svgEl('text', { x: left - 4, y: y(v) + 3, 'text-anchor': 'end' }, format(v))),
    ...(span ? [t0, t0 + span] : [t0]).map((t, i) =>
      svgEl('text', { x: x(t), y: height - bottom + 12, 'text-anchor': span ? (i ? 'end' : 'start') : 'middle' }, date(t))),
    svgEl('text', { x: left + (width - left - right) / 2, y: height - 4, 'text-anchor': 'middle' }, 'time'),
    svgEl('text', { transform: 'translate(12 ' + (top + (height - top - bottom) / 2) + ') rotate(-90)', 'text-anchor': 'middle' }, yTitle));
  lines.forEach((line, i) => {
    const colour = PALETTE[i % PALETTE.length];
    svg.append(svgEl('polyline', { fill: 'none', stroke: colour, 'stroke-width': '2', points: line.points.map((p) => x(p.t) + ',' + y(p.y)).join(' ') }),
      ...line.points.map((p) => {
        const dot = svgEl('circle', { cx: x(p.t), cy: y(p.y), r: '3', fill: p.bad ? '#b42318' : colour });
        dot.append(svgEl('title', {}, p.title));
        return dot;
      }));
  });
  return el('figure', {}, svg, ...(lines.some((l) => l.name) ? [el('p', { class: 'legend' },
    ...lines.map((l, i) => el('span', {}, el('b', { style: 'color:' + PALETTE[i % PALETTE.length] }, '━ '), l.name)))] : []));
}

/**
 * A test's recent results as letters (P passed, F failed, S skipped, R refused), red when one failed;
 * each one's duration in its title, on hover.
 * One text node per row: an element per letter made a 10,000-test page three times slower to draw.
 */
const strip = (t) => el('span', { class: 'strip' + (t.recent.includes('F') ? ' failed' : '') }, t.recent);
// The durations go in the strip's title when the pointer first reaches it: written for every row
// up front, they made a 10,000-test page a fifth slower to draw.
const latestByKey = new Map(r.latest.map((t) => [t.key, t]));
document.addEventListener('mouseover', (e) => {
  const target = e.target;
  if (!(target instanceof Element) || !target.classList.contains('strip') || target.hasAttribute('title')) return;
  const t = latestByKey.get(target.closest('tr')?.getAttribute('data-key'));
  if (t) target.setAttribute('title', 'last ' + t.recent.length + ' results, oldest first: ' +
    [...t.recent].map((letter, i) => letter + ' ' + ms(t.recentMs[i])).join(', '));
});

/** A measured figure with its unit: 81.5%, 1.2×, 1.52 s. */
const withUnit = (v, unit) => String(Math.round(v * 100) / 100) + (unit === '%' || unit === '×' ? '' : ' ') + unit;
// Keyed like tests so the filters' text and project apply to them too.
const measurements = r.measurements.map((m) => ({ ...m, key: m.project + ' › ' + m.name }));
const ofKind = (kind) => measurements.filter((m) => m.kind === kind);
const coverage = ofKind('coverage'), mutation = ofKind('mutation'), benchmarks = ofKind('benchmark');
// Details are free-form JSON: survivors are listed only when they are { survived: [{ file, line, mutator }] }.
const survivorsOf = (m) => {
  const survived = m.details?.survived;
  return Array.isArray(survived) &&
    survived.every((s) => typeof s?.file === 'string' && typeof s.line === 'number' && typeof s.mutator === 'string')
    ? survived : null;
};
const figureColumns = [
  { title: 'workspace', value: (m) => m.project },
  { title: 'figure', value: (m) => m.name },
  { title: 'latest', value: (m) => withUnit(m.latest, m.unit), sort: (m) => m.latest, attrs: () => ({ class: 'n' }) },
  { title: 'baseline', value: (m) => m.baseline === null ? '—' : withUnit(m.baseline, m.unit), sort: (m) => m.baseline ?? -Infinity, attrs: () => ({ class: 'n' }) },
  { title: 'change vs baseline', value: (m) => m.baseline === null ? '—' : (m.latest > m.baseline ? '+' : '') + withUnit(m.latest - m.baseline, m.unit),
    sort: (m) => m.baseline === null ? -Infinity : m.latest - m.baseline, attrs: () => ({ class: 'n' }) },
  { title: 'state', value: (m) => m.state, attrs: (m) => ({ class: m.state }) },
  { title: 'points', value: (m) => m.points.length, attrs: () => ({ class: 'n' }) },
];
/** A kind's table; its empty line says whether nothing was recorded or the filters hide it all. */
const figureTable = (id, columns, rows, none) => table(id, columns, rows, rows.length ? 'no figures match the filters' : none);

/** One chart per group (its title → its series), a line per series named by lineName. */
function trendCharts(id, groups, lineName, size = {}) {
  // A chart's series share one unit: a workspace's coverage metrics, the mutation scores, one benchmark.
  document.getElementById(id).append(...[...groups].map(([title, series]) => el('div', {}, el('h3', {}, title), chart(
    series.map((m) => ({ name: lineName(m), points: m.points.map((p) => ({
      t: Date.parse(p.recordedAt), y: p.value,
      title: p.recordedAt.slice(0, 10) + ': ' + withUnit(p.value, m.unit) + (p.gitSha ? ' at ' + p.gitSha.slice(0, 7) : ''),
    })) })),
    { label: title, yTitle: 'value (' + series[0].unit + ')', format: (v) => withUnit(v, series[0].unit), ...size }))));
}
const groupBy = (items, keyOf) => {
  const groups = new Map();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
};

/** Each test's latest kept failure: its message, where it failed, and its stack on request. */
function failures() {
  const host = document.getElementById('failures');
  host.replaceChildren();
  const shown = r.latest.filter((t) => t.lastFailure && matches(t));
  if (shown.length === 0) { host.append(el('p', { class: 'empty' }, 'no failures kept')); return; }
  for (const t of shown) {
    const f = t.lastFailure;
    const when = f.runsAgo === 0 ? 'in its latest run' : f.runsAgo + (f.runsAgo === 1 ? ' run ago' : ' runs ago');
    host.append(el('div', { class: 'failure', 'data-key': t.key },
      el('p', {}, testLink(t), ' — ', when + (f.gitSha ? ' (' + f.gitSha.slice(0, 7) + ')' : '')),
      el('pre', { class: 'message' }, f.message),
      ...(f.stack ? [el('details', {}, el('summary', {}, 'stack'), el('pre', {}, f.stack))] : [])));
  }
}

function render() {
  table('flaky', [
    { title: 'test', value: testLink, sort: (t) => t.key },
    { title: 'score', value: (t) => t.score, attrs: () => ({ class: 'n flaky' }) },
    { title: 'flip rate', value: (t) => t.evidence.flipRate, attrs: () => ({ class: 'n' }) },
    { title: 'same commit', value: (t) => t.evidence.sameCommit.map((s) => s.slice(0, 7)).join(' ') },
    { title: 'retried', value: (t) => t.evidence.passedOnRetry, attrs: () => ({ class: 'n' }) },
    { title: 'recent (oldest first)', value: (t) => t.evidence.sequence },
  ], r.flaky, 'no flaky tests');
  table('broken', [
    { title: 'test', value: testLink, sort: (t) => t.key },
    { title: 'runs failed', value: (t) => t.runs, attrs: () => ({ class: 'n broken' }) },
  ], r.broken, 'no broken tests');
  table('regressions', [
    { title: 'test', value: testLink, sort: (t) => t.key },
    { title: 'baseline (median)', value: (t) => ms(t.medianMs), sort: (t) => t.medianMs, attrs: () => ({ class: 'n' }) },
    { title: 'MAD', value: (t) => ms(t.madMs), sort: (t) => t.madMs, attrs: () => ({ class: 'n' }) },
    { title: 'latest', value: (t) => ms(t.recentMs[t.recentMs.length - 1]), sort: (t) => t.recentMs[t.recentMs.length - 1], attrs: () => ({ class: 'n regressed' }) },
    { title: '× baseline', value: (t) => t.ratio, attrs: () => ({ class: 'n' }) },
  ], r.regressions, 'no duration regressions');
  table('slow-tests', [
    { title: 'test', value: testLink, sort: (t) => t.key },
    { title: 'median', value: (t) => ms(t.medianMs), sort: (t) => t.medianMs, attrs: () => ({ class: 'n' }) },
    { title: 'runs', value: (t) => t.runs, attrs: () => ({ class: 'n' }) },
  ], r.slowestTests, 'no passing tests recorded');
  table('slow-files', [
    { title: 'project', value: (f) => f.project },
    { title: 'file', value: (f) => f.file },
    { title: 'median', value: (f) => ms(f.medianMs), sort: (f) => f.medianMs, attrs: () => ({ class: 'n' }) },
  ], r.slowestFiles, 'no file timings recorded');
  failures();
  figureTable('coverage-table', figureColumns, coverage, 'No coverage recorded yet: a tier with coverage on records it');
  figureTable('mutation-table', [
    ...figureColumns,
    { title: 'survivors', value: (m) => survivorsOf(m)?.length ?? '—', sort: (m) => survivorsOf(m)?.length ?? -1, attrs: () => ({ class: 'n' }) },
    { title: 'first survivors', value: (m) => (survivorsOf(m) ?? []).slice(0, 5).map((s) => s.file + ':' + s.line + ' ' + s.mutator).join(', ') },
  ], mutation, 'No mutation score recorded yet: a mutation run records it');
  figureTable('benchmark-table', figureColumns, benchmarks, 'No benchmarks recorded yet: assay insights benchmarks --record stores them');
  table('tests', [
    { title: 'test', value: (t) => t.key },
    { title: 'latest', value: (t) => t.status, attrs: (t) => ({ class: t.status }) },
    { title: 'recent (oldest first)', value: strip, sort: (t) => t.recent.replace(/[^F]/g, '').length },
    { title: 'verdict', value: (t) => t.verdict, attrs: (t) => ({ class: t.verdict }) },
    { title: 'duration', value: (t) => ms(t.durationMs), sort: (t) => t.durationMs, attrs: () => ({ class: 'n' }) },
    { title: 'requirements', value: (t) => t.requirements.join(' ') },
  ], r.latest.filter((t) => !filters.status || t.status === filters.status || t.verdict === filters.status), 'no tests match',
  (t) => rowIds.get(t.key));
  document.getElementById('shown').textContent =
    r.latest.filter((t) => matches(t) && (!filters.status || t.status === filters.status || t.verdict === filters.status)).length + ' of ' + r.latest.length + ' tests';
}

const cards = document.getElementById('cards');
const card = (label, value, cls) => cards.append(el('div', { class: 'card' }, el('b', cls ? { class: cls } : {}, value), label));
card('runs recorded', r.history.executedRuns);
card('cache replays', r.history.replayedRuns);
card('tests', r.history.tests);
card('flaky', r.flaky.length, r.flaky.length ? 'flaky' : 'ok');
card('broken', r.broken.length, r.broken.length ? 'broken' : 'ok');
card('regressions', r.regressions.length, r.regressions.length ? 'regressed' : 'ok');
if (data.traceability) card('requirements covered', data.traceability.percent + '% (' + data.traceability.covered + '/' + data.traceability.total + ')', data.traceability.percent === 100 ? 'ok' : 'failed');

const tiers = document.getElementById('tiers');
if (r.tiers.length === 0) tiers.append(el('p', { class: 'empty' }, 'no tier runs recorded yet'));
for (const t of r.tiers) {
  const latest = t.sessions[t.sessions.length - 1];
  tiers.append(el('h2', {}, 'tier ' + t.tier + ': ' + ms(latest.wallMs) + ' wall time' + (t.trend === null ? '' : ', ' + t.trend + '× the usual')),
    chart([{ points: t.sessions.map((s) => ({ t: Date.parse(s.startedAt), y: s.wallMs, bad: s.failed > 0, title: s.startedAt + ': ' + ms(s.wallMs) + ', ' + s.passed + ' passed, ' + s.failed + ' failed' })) }],
      { label: 'wall time of tier ' + t.tier, yTitle: 'wall time', format: ms }));
}

trendCharts('coverage-charts', groupBy(coverage, (m) => m.project), (m) => m.name);
trendCharts('mutation-charts', groupBy(mutation, () => 'mutation score by workspace'), (m) => m.project);
// A benchmark's chart has its one series, named by the chart's title: no legend.
trendCharts('benchmark-charts', groupBy(benchmarks, (m) => m.project + ': ' + m.name), () => '', { width: 360, height: 140 });

const trace = document.getElementById('traceability');
if (!data.traceability) trace.append(el('p', { class: 'empty' }, 'no traceability results (run assay trace)'));
else {
  trace.append(el('p', {}, data.traceability.covered + ' of ' + data.traceability.total + ' requirements covered by passing tests'));
  if (data.traceability.uncovered.length) trace.append(el('p', { class: 'failed' }, 'not covered: ' + data.traceability.uncovered.join(', ')));
}

const contracts = document.getElementById('contracts');
if (!data.contracts) contracts.append(el('p', { class: 'empty' }, 'no contract check (run assay contract verify)'));
else {
  card('pacts verified', data.contracts.pacts.filter((p) => p.status === 'verified').length + '/' + data.contracts.pacts.length, data.contracts.ok ? 'ok' : 'failed');
  table('contracts', [
    { title: 'consumer → provider', value: (p) => p.consumer + ' → ' + p.provider },
    { title: 'interactions', value: (p) => p.interactions.length, attrs: () => ({ class: 'n' }) },
    { title: 'status', value: (p) => p.status, attrs: (p) => ({ class: p.status === 'verified' ? 'ok' : 'failed' }) },
  ], data.contracts.pacts, 'no pacts');
  for (const problem of data.contracts.problems) contracts.append(el('p', { class: 'failed' }, problem));
}

const projects = [...new Set([...r.latest, ...measurements].map((t) => t.project))].sort();
const projectSelect = document.getElementById('project');
for (const p of projects) projectSelect.append(el('option', { value: p }, p));
document.getElementById('filter').addEventListener('input', (e) => { filters.text = e.target.value.toLowerCase(); firstPages(); render(); });
projectSelect.addEventListener('change', (e) => { filters.project = e.target.value; firstPages(); render(); });
document.getElementById('status').addEventListener('change', (e) => { filters.status = e.target.value; firstPages(); render(); });
render();
`;

export function dashboardHtml(data: DashboardData): string {
  const { history, generatedAt } = data.insights;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Assay test insights</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Assay test insights</h1><p>generated ${generatedAt.replace('T', ' ').slice(0, 19)} UTC from ${history.executedRuns} runs</p></header>
<main>
<div class="cards" id="cards"></div>
<section><div class="filters">
<label>filter <input id="filter" type="search" placeholder="test, file or project"></label>
<label>project <select id="project"><option value="">all</option></select></label>
<label>status <select id="status"><option value="">all</option><option>passed</option><option>failed</option><option>skipped</option><option>refused</option><option>flaky</option><option>broken</option></select></label>
<span id="shown"></span>
</div></section>
<section id="tiers"></section>
<section><h2>Flaky tests</h2><div id="flaky"></div></section>
<section><h2>Broken tests (failing every recent run: never quarantined)</h2><div id="broken"></div></section>
<section><h2>Latest failures</h2><div id="failures"></div></section>
<section><h2>Duration regressions</h2><div id="regressions"></div></section>
<section><h2>Slowest tests</h2><div id="slow-tests"></div></section>
<section><h2>Slowest files</h2><div id="slow-files"></div></section>
<section><h2>Traceability</h2><div id="traceability"></div></section>
<section><h2>Contracts</h2><div id="contracts"></div></section>
<section><h2>Coverage</h2><div id="coverage-table"></div><div class="charts" id="coverage-charts"></div></section>
<section><h2>Mutation testing</h2><div id="mutation-table"></div><div class="charts" id="mutation-charts"></div></section>
<section><h2>Benchmarks</h2><div id="benchmark-table"></div><div class="charts" id="benchmark-charts"></div></section>
<section><h2>All tests (latest result)</h2><div id="tests"></div></section>
</main>
<script type="application/json" id="insights-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
