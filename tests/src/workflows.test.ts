/**
 * @module-tag unit
 *
 * The CI pipeline as the workflows declare it: each workflow valid against the schema (offline),
 * and the structure the pipeline depends on read from the files themselves.
 */

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTierModel } from '@assay/tiers/config';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { BIN, REPO_ROOT, run, tempDir } from './support/repo.ts';

const WORKFLOWS = join(REPO_ROOT, '.github', 'workflows');
const ACTIONS = join(REPO_ROOT, '.github', 'actions');

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Readonly<Record<string, string | number | boolean>>;
}
interface Job {
  readonly needs?: string | readonly string[];
  readonly if?: string;
  readonly 'continue-on-error'?: boolean;
  readonly permissions?: Readonly<Record<string, string>>;
  readonly strategy?: { readonly matrix: Readonly<Record<string, readonly unknown[]>> };
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly on: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly jobs: Readonly<Record<string, Job>>;
}
interface Action {
  readonly runs: { readonly steps: readonly Step[] };
}

/** A GitHub Actions expression as the files spell it. */
const gh = (inner: string) => `\${{ ${inner} }}`;
const text = (file: string) => readFileSync(file, 'utf8');
const workflow = (name: string) => parse(text(join(WORKFLOWS, name))) as Workflow;
const action = (name: string) => parse(text(join(ACTIONS, name, 'action.yml'))) as Action;
const workflowNames = () => readdirSync(WORKFLOWS).sort();
const needsOf = (job: Job): string[] => (typeof job.needs === 'string' ? [job.needs] : [...(job.needs ?? [])]);
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
const uses = (job: Job, prefix: string) => job.steps.filter((s) => s.uses?.startsWith(prefix));

/** The `uses:` lines of a workflow or action file that are neither local nor pinned by commit SHA with its version. */
function unpinned(source: string): string[] {
  return [...source.matchAll(/^\s*(?:- )?uses:\s*(.+)$/gm)]
    .map((m) => (m[1] as string).trim())
    .filter((ref) => !ref.startsWith('./') && !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/.test(ref));
}

function validate(file: string) {
  return run(join(BIN, 'action-validator'), [file], REPO_ROOT);
}

describe('GitHub Actions workflows validate against the workflow schema, offline', { meta: req('PLAT-004') }, () => {
  test('the repo has the pr, main, nightly and weekly workflows, and the setup and history actions', () => {
    expect(workflowNames()).toEqual(['main.yml', 'nightly.yml', 'pr.yml', 'weekly.yml']);
    expect(readdirSync(ACTIONS).sort()).toEqual(['history', 'setup']);
  });

  test.each([
    ...['main.yml', 'nightly.yml', 'pr.yml', 'weekly.yml'].map((name) => join(WORKFLOWS, name)),
    ...['history', 'setup'].map((name) => join(ACTIONS, name, 'action.yml')),
  ])('%s is valid', async (file) => {
    const result = await validate(file);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('the validator rejects a malformed workflow (so the checks above can fail)', async () => {
    const file = join(tempDir('workflow'), 'bad.yml');
    writeFileSync(
      file,
      'name: bad\non: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo\n',
    );
    const result = await validate(file);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("Additional property 'step' is not allowed");
  });
});

describe('the CI pipeline', { meta: req('PLAT-004') }, () => {
  test('ci-success: the one required check needs every other PR job, runs always, and passes only when each succeeded', () => {
    const { jobs } = workflow('pr.yml');
    const gate = jobs['ci-success'] as Job;
    expect(needsOf(gate).sort()).toEqual(
      Object.keys(jobs)
        .filter((name) => name !== 'ci-success')
        .sort(),
    );
    expect(gate.if).toBe('always()');
    expect(runs(gate)).toContain('[[ "$result" == success ]] || exit 1');
  });

  test('one history cache key scheme: main, nightly, weekly and PR jobs save and restore under one prefix', () => {
    const history = action('history').runs.steps[0] as Step;
    expect(history.uses).toMatch(/^actions\/cache@/);
    expect(history.with?.path).toBe('.assay/insights');
    expect(history.with?.['restore-keys']).toBe(`assay-history-${gh('runner.os')}-`);
    expect(String(history.with?.key)).toMatch(/^assay-history-\$\{\{ runner\.os \}\}-\$\{\{ github\.run_id \}\}/);
    // No workflow caches the history any other way, and each that records runs uses the action.
    for (const name of workflowNames()) expect(text(join(WORKFLOWS, name))).not.toContain('path: .assay/insights');
    const main = workflow('main.yml');
    expect(main.on).toEqual({ push: { branches: ['main'] } });
    for (const [name, job] of [
      ['main', main.jobs.merge],
      ['pr', workflow('pr.yml').jobs['test-pr']],
      ['nightly', workflow('nightly.yml').jobs['test-nightly']],
      ['nightly chaos', workflow('nightly.yml').jobs.chaos],
      ['weekly', workflow('weekly.yml').jobs['test-weekly']],
    ] as const) {
      expect(uses(job as Job, './.github/actions/history'), name).toHaveLength(1);
    }
  });

  test('chaos: a must-pass smoke job on every PR, the full chaos and operational suites nightly as can-fail, a manual category choice', async () => {
    const model = await loadTierModel(REPO_ROOT);
    const pr = workflow('pr.yml').jobs['chaos-smoke'] as Job;
    expect(runs(pr)).toContain('make test-chaos-smoke');
    expect(pr['continue-on-error']).toBeUndefined();
    expect(text(join(REPO_ROOT, 'Makefile'))).toMatch(/^test-chaos-smoke:.*\n\t.*--category smoke\)$/m);
    expect(model.category('smoke').timeout).toBeLessThanOrEqual(30_000);
    expect(text(join(REPO_ROOT, 'apps', 'orders-api', 'test', 'chaos.test.ts'))).toContain("{ tags: ['smoke'] }");

    const nightly = workflow('nightly.yml');
    const split = (list: string | undefined) => (list ?? '').split(',');
    const required = split(nightly.env?.REQUIRED_CATEGORIES);
    const canFail = split(nightly.env?.CAN_FAIL_CATEGORIES);
    expect([...required, ...canFail].sort()).toEqual(model.categoriesOf('nightly').sort());
    expect(canFail.sort()).toEqual(['chaos', 'operational', 'smoke']);
    expect(nightly.jobs['test-nightly']?.['continue-on-error']).toBeUndefined();
    expect(nightly.jobs.chaos?.['continue-on-error']).toBe(true);
    expect(runs(nightly.jobs.chaos as Job)).toContain('$CAN_FAIL_CATEGORIES');

    const input = (nightly.on.workflow_dispatch as { inputs: { category: { type: string; options: string[] } } }).inputs
      .category;
    expect(input.type).toBe('choice');
    expect(input.options.filter((o) => o !== 'all').sort()).toEqual(
      model
        .categoriesOf('nightly')
        .filter((c) => c !== 'quarantine')
        .sort(),
    );
  });

  test('shards: a matrix of the planned shards with blob reports, one merge job, the dashboard published', () => {
    const { env, jobs } = workflow('main.yml');
    const shards = Number(env?.SHARDS);
    expect(runs(jobs.plan as Job)).toContain('assay shard plan --total "$SHARDS"');
    const shard = jobs.shard as Job;
    expect(needsOf(shard)).toEqual(['plan']);
    expect(shard.strategy?.matrix.shard).toEqual(Array.from({ length: shards }, (_, i) => i + 1));
    expect(runs(shard)).toContain(`assay shard run --total "$SHARDS" --index ${gh('matrix.shard')}`);
    const blobs = uses(shard, 'actions/upload-artifact@')[0];
    expect(blobs?.with).toMatchObject({ path: '**/.vitest/blob/', 'include-hidden-files': true });

    const merge = jobs.merge as Job;
    expect(needsOf(merge)).toEqual(['shard']);
    expect(merge.if).toBe(gh('!cancelled()'));
    expect(uses(merge, 'actions/download-artifact@')[0]?.with).toEqual({ pattern: 'blob-*', 'merge-multiple': true });
    expect(runs(merge)).toContain('assay shard merge --tier pr');
    expect(uses(merge, 'actions/upload-pages-artifact@')).toHaveLength(1);
    expect(jobs.pages?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(uses(jobs.pages as Job, 'actions/deploy-pages@')).toHaveLength(1);
  });

  test('every tier job writes its run as the job summary', () => {
    const jobs = [
      workflow('pr.yml').jobs['test-pr'],
      workflow('pr.yml').jobs['chaos-smoke'],
      workflow('main.yml').jobs.merge,
      workflow('nightly.yml').jobs['test-nightly'],
      workflow('nightly.yml').jobs.chaos,
      workflow('weekly.yml').jobs['test-weekly'],
    ];
    for (const job of jobs)
      expect(runs(job as Job)).toMatch(
        /(assay report --tier \w+ --stdout|cat \.assay\/reports\/\w+\.md) >> "\$GITHUB_STEP_SUMMARY"/,
      );
  });

  test('every third-party action is pinned by commit SHA with its version in a comment', () => {
    const files = [
      ...workflowNames().map((name) => join(WORKFLOWS, name)),
      ...readdirSync(ACTIONS).map((name) => join(ACTIONS, name, 'action.yml')),
    ];
    for (const file of files) expect(unpinned(text(file)), file).toEqual([]);
    // The check can fail: a tag, a short SHA, a SHA without its version.
    expect(
      unpinned(
        '  - uses: actions/checkout@v4\n    uses: actions/cache@5a3ec84\n  - uses: actions/cache@5a3ec84eff668545956fd18022155c47e93e2684\n  - uses: ./.github/actions/setup\n',
      ),
    ).toEqual([
      'actions/checkout@v4',
      'actions/cache@5a3ec84',
      'actions/cache@5a3ec84eff668545956fd18022155c47e93e2684',
    ]);
  });

  test('fast set-up: every job bootstraps through the setup action, which caches Node, pnpm and the pnpm store and runs make toolchain', () => {
    const setup = action('setup').runs.steps;
    const cached = setup.filter((s) => s.uses?.startsWith('actions/cache@')).map((s) => s.with?.path);
    expect(cached).toEqual(['.toolchain', '~/.local/share/pnpm/store']);
    expect(setup.at(-1)?.run).toContain('make toolchain');
    for (const name of workflowNames()) {
      for (const [id, job] of Object.entries(workflow(name).jobs)) {
        if (!job.steps.some((s) => /\b(make|assay|turbo) /.test(s.run ?? ''))) continue;
        expect(job.steps[1]?.uses, `${name} ${id}`).toBe('./.github/actions/setup');
      }
      expect(text(join(WORKFLOWS, name))).not.toMatch(/pnpm install|npm ci|setup-node/);
    }
  });

  test('weekly: one issue per failing run naming its failing legs, and the week’s status as the job summary', () => {
    const { jobs } = workflow('weekly.yml');
    const report = jobs.report as Job;
    expect(needsOf(report).sort()).toEqual(
      Object.keys(jobs)
        .filter((name) => name !== 'report')
        .sort(),
    );
    expect(report.if).toBe(gh('always()'));
    expect(runs(report)).toContain('assay insights week >> "$GITHUB_STEP_SUMMARY"');
    const issue = report.steps.filter((s) => s.run?.includes('gh issue create'));
    expect(issue).toHaveLength(1);
    expect(issue[0]?.if).toContain("contains(needs.*.result, 'failure')");
    expect(issue[0]?.run).toContain('.jobs[] | select(.conclusion == "failure"');
    for (const [id, job] of Object.entries(jobs)) {
      if (id !== 'report') expect(runs(job), id).not.toContain('gh issue create');
    }
  });

  test('security: its own PR job runs make security and keeps the SBOM; Renovate groups the catalog and pins actions', () => {
    const security = workflow('pr.yml').jobs.security as Job;
    expect(runs(security)).toContain('make security');
    expect(uses(security, 'actions/upload-artifact@')[0]?.with?.path).toBe('.assay/reports/sbom.cdx.json');
    const renovate = JSON.parse(text(join(REPO_ROOT, 'renovate.json'))) as {
      extends: string[];
      packageRules: { matchDepTypes?: string[]; groupName?: string }[];
    };
    expect(renovate.extends).toContain('helpers:pinGitHubActionDigests');
    expect(renovate.packageRules.some((r) => r.matchDepTypes?.includes('pnpm.catalog.default') && r.groupName)).toBe(
      true,
    );
  });
});
