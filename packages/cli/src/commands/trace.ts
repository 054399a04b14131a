import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectTests, JSON_FILE, listWorkspaces, tierModel, type Workspace } from '@assay/tiers';
import { loadRepoConfig } from '@assay/tiers/config';
import {
  checkTraceability,
  formatTraceMarkdown,
  formatTraceReport,
  loadRequirements,
  loadResults,
  parseThreshold,
  type TestRecord,
} from '@assay/trace';
import type { Command } from '../main.ts';
import { readTier } from './options.ts';

export const TRACE_REPORT_FILE = '.assay/reports/traceability.json';

/** `--static`: collect every test without running it; each is `not-run`, with its links. */
async function collectedRecords(root: string, workspaces: readonly Workspace[]): Promise<TestRecord[]> {
  const records: TestRecord[] = [];
  for (const w of workspaces) {
    for (const test of await collectTests(join(root, w.path))) {
      const ids = test.meta.requirements;
      records.push({
        workspace: w.name,
        file: test.file,
        name: test.name,
        outcome: 'not-run',
        requirements: Array.isArray(ids) ? ids.map(String) : [],
      });
    }
  }
  return records;
}

export const trace: Command = {
  name: 'trace',
  usage: `usage: assay trace [--threshold N] [--require-links] [--tier T] [--filter <workspace>] [--static] [--json | --markdown]

Run at the monorepo root. Checks every workspace's requirements.yaml against the tests that ran
and passed in the last run (each workspace's ${JSON_FILE}); --static collects the tests instead,
without running them. Coverage counts active requirements with a passing linked test and none
failing. Exit 1 below --threshold, on unknown requirement ids, or (with --require-links) on tests
linked to nothing; exit 2 on bad input. --tier names the tier the results are from (pr by
default): requirements marked with a later tier are deferred, not counted. The JSON report (schemaVersion 1) is also written to
${TRACE_REPORT_FILE}.`,
  options: {
    threshold: { type: 'string' },
    'require-links': { type: 'boolean' },
    filter: { type: 'string' },
    tier: { type: 'string' },
    static: { type: 'boolean' },
    json: { type: 'boolean' },
    markdown: { type: 'boolean' },
  },
  async run(values) {
    const root = process.cwd();
    const repo = await loadRepoConfig(root);
    const model = tierModel(repo);
    const threshold = typeof values.threshold === 'string' ? parseThreshold(values.threshold) : undefined;
    const workspaces = await listWorkspaces(root);
    // Workspaces with tier scripts are the ones whose runs leave results.
    const tested = workspaces.filter((w) => w.scripts['test:pr'] !== undefined);
    const requirements = loadRequirements(root, workspaces, repo.requirements?.idPattern);
    const tests = values.static ? await collectedRecords(root, tested) : loadResults(root, tested, JSON_FILE);
    const report = checkTraceability({
      requirements,
      tests,
      source: values.static ? 'static' : 'results',
      ...(threshold === undefined ? {} : { threshold }),
      requireLinks: values['require-links'] === true,
      // Requirements name built-in tiers: a tier of the repository's own is checked as the one it extends.
      tier: model.tier(readTier(values.tier ?? 'pr', model)).base,
      ...(typeof values.filter === 'string' ? { filter: values.filter } : {}),
    });
    mkdirSync(join(root, '.assay/reports'), { recursive: true });
    writeFileSync(join(root, TRACE_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else if (values.markdown) console.log(formatTraceMarkdown(report));
    else console.log(formatTraceReport(report));
    return report.ok ? 0 : 1;
  },
};
