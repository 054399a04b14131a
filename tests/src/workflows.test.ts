/**
 * @module-tag unit
 *
 * The CI pipeline as the workflows declare it: each workflow valid against the schema (offline),
 * and the structure the pipeline depends on read from the files themselves.
 */

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  readonly 'timeout-minutes'?: number;
  readonly needs?: string | readonly string[];
  readonly if?: string;
  readonly 'continue-on-error'?: boolean;
  readonly permissions?: Readonly<Record<string, string>>;
  readonly strategy?: { readonly matrix: Readonly<Record<string, readonly unknown[]>> };
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly on: Readonly<Record<string, unknown>>;
  readonly permissions?: Readonly<Record<string, string>>;
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
  test('the repo has the pr, main, nightly, weekly and k8s workflows, and the setup and history actions', () => {
    expect(workflowNames()).toEqual(['k8s.yml', 'main.yml', 'nightly.yml', 'pr.yml', 'weekly.yml']);
    expect(readdirSync(ACTIONS).sort()).toEqual(['history', 'setup']);
  });

  test.each([
    ...['k8s.yml', 'main.yml', 'nightly.yml', 'pr.yml', 'weekly.yml'].map((name) => join(WORKFLOWS, name)),
    ...['history', 'setup'].map((name) => join(ACTIONS, name, 'action.yml')),
  ])('%s is valid', async (file) => {
    const result = await validate(file);
    // It cannot check path globs yet and says so once per glob list: the k8s test checks its paths itself.
    const output = (result.stdout + result.stderr).replace(
      /^WARNING: Glob validation is not yet supported\..*\n/gm,
      '',
    );
    expect(output).toBe('');
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
      ['k8s', workflow('k8s.yml').jobs.kind],
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

  test('k8s: the PR tier as an Indexed Job in a pinned Kind cluster, its images built and loaded, the cluster logs kept when it fails', () => {
    const k8s = workflow('k8s.yml');
    expect(Object.keys(k8s.on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
    const push = k8s.on.push as { branches: string[]; paths: string[] };
    expect(push.branches).toEqual(['main']);
    expect(push.paths).toEqual(
      expect.arrayContaining(['deploy/k8s/**', 'tools/runner/**', 'tools/images/**', 'packages/**', 'pnpm-lock.yaml']),
    );
    for (const path of push.paths) expect(existsSync(join(REPO_ROOT, path.replace(/\/\*\*$/, ''))), path).toBe(true);
    const input = (k8s.on.workflow_dispatch as { inputs: { shards: { type: string; default: number } } }).inputs.shards;
    expect(input).toMatchObject({ type: 'number', default: 3 });
    // Pushes and the schedule have no inputs: they run the default too.
    expect(k8s.env?.SHARDS).toBe(gh('inputs.shards || 3'));
    expect(k8s.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(k8s.jobs)).toEqual(['kind']);
    const job = k8s.jobs.kind as Job;
    expect(job['timeout-minutes']).toBeLessThanOrEqual(45);

    // Kind's action pinned by SHA (the generic check above wants its version comment) and kind itself by version.
    const [cluster, ...more] = uses(job, 'helm/kind-action@');
    expect(more).toEqual([]);
    expect(text(join(WORKFLOWS, 'k8s.yml'))).toContain(
      'uses: helm/kind-action@ef37e7f390d99f746eb8b610417061a60e82a6cc # v1.14.0',
    );
    expect(cluster?.with).toEqual({
      version: 'v0.31.0',
      config: 'deploy/k8s/kind/cluster.yaml',
      cluster_name: 'assay',
    });
    const config = join(REPO_ROOT, String(cluster?.with?.config));
    expect(existsSync(config)).toBe(true);
    const kindConfig = parse(text(config)) as { name: string; nodes: { image: string }[] };
    expect(kindConfig.name).toBe('assay');
    for (const node of kindConfig.nodes) expect(node.image).toMatch(/^kindest\/node:v[\d.]+@sha256:[0-9a-f]{64}$/);

    // Every image the base manifests name is loaded into the node, after the cluster exists and before the run.
    const index = (pattern: RegExp) => job.steps.findIndex((s) => pattern.test(s.run ?? s.uses ?? ''));
    const load = job.steps[index(/kind load docker-image/)]?.run ?? '';
    expect(load).toContain('kind load docker-image --name assay ');
    const base = join(REPO_ROOT, 'deploy', 'k8s', 'base');
    const images = readdirSync(base).flatMap((file) =>
      [...text(join(base, file)).matchAll(/^\s*image:\s*(\S+)$/gm)].map((m) => m[1] as string),
    );
    expect(images.sort()).toEqual(['assay-postgres:15', 'assay-redis:7', 'assay-runner:latest']);
    for (const image of images) expect(load.split(/\s+/)).toContain(image);
    expect(index(/make runner-image/)).toBeLessThan(index(/kind load docker-image/));
    expect(index(/^helm\/kind-action@/)).toBeLessThan(index(/kind load docker-image/));
    expect(index(/kind load docker-image/)).toBeLessThan(index(/assay k8s run/));

    const runStep = job.steps.filter((s) => s.run?.includes('assay k8s run'));
    expect(runStep).toHaveLength(1);
    expect(runStep[0]?.run).toBe(
      `assay k8s run --shards "$SHARDS" --overlay kind --tier pr --run-id gh-${gh('github.run_id')}-${gh('github.run_attempt')}`,
    );
    // The merged report kept as main's merge job keeps it.
    const mainReports = uses(workflow('main.yml').jobs.merge as Job, 'actions/upload-artifact@')[0];
    const reports = uses(job, 'actions/upload-artifact@').filter((s) => s.with?.name === 'reports-k8s');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.if).toBe(gh('!cancelled()'));
    // main.yml's merged reports, and the run's manifests and pod logs (.assay/k8s).
    expect(String(reports[0]?.with?.path).replace('.assay/k8s/\n', '')).toBe(mainReports?.with?.path);
    expect(reports[0]?.with?.path).toContain('.assay/k8s/');

    // The cluster's logs only when the run failed, and uploaded then.
    const logs = job.steps.filter((s) => s.run?.includes('kind export logs'));
    expect(logs).toHaveLength(1);
    expect(logs[0]?.if).toBe('failure()');
    expect(logs[0]?.run).toContain('kind export logs --name assay ');
    expect(uses(job, 'actions/upload-artifact@').find((s) => s.with?.name === 'kind-logs')?.if).toBe('failure()');
  });

  test('every tier job writes its run as the job summary', () => {
    const jobs = [
      workflow('pr.yml').jobs['test-pr'],
      workflow('pr.yml').jobs['chaos-smoke'],
      workflow('main.yml').jobs.merge,
      workflow('nightly.yml').jobs['test-nightly'],
      workflow('nightly.yml').jobs.chaos,
      workflow('weekly.yml').jobs['test-weekly'],
      workflow('k8s.yml').jobs.kind,
    ];
    for (const job of jobs)
      expect(runs(job as Job)).toMatch(
        /(assay report --tier \w+ --stdout|cat \.assay\/reports\/\w+\.md) >> "\$GITHUB_STEP_SUMMARY"/,
      );
  });

  test('every upload of a dot-folder (.assay, .vitest) includes hidden files, which upload-artifact leaves out by default', () => {
    const uploads = workflowNames().flatMap((name) =>
      Object.values(workflow(name).jobs).flatMap((job) =>
        uses(job, 'actions/upload-artifact@').map((step) => ({ name, step })),
      ),
    );
    const hidden = uploads.filter(({ step }) => /(^|[\s/])\.(assay|vitest)\b/.test(String(step.with?.path)));
    expect(hidden.length).toBeGreaterThanOrEqual(8);
    for (const { name, step } of hidden)
      expect(step.with?.['include-hidden-files'], `${name}: ${step.with?.name}`).toBe(true);
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
