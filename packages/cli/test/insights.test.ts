/**
 * @module-tag integration
 *
 * `assay insights` and `assay shard` as a user runs them: the real command, in a folder of its own
 * (its own history and quarantine list).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HistoryStore, RECORD_SCHEMA_VERSION, type RunRecord, testKey } from '@assay/insights';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, folder } from './support/cli.ts';

/** Runs where `flaky` alternates pass and fail and `steady` always passes, one commit each. */
async function recordRuns(dir: string, count: number): Promise<void> {
  const store = await HistoryStore.open(join(dir, '.assay/insights/history.db'));
  for (let i = 0; i < count; i++) {
    const results = [
      ['flaky', i % 2 ? 'failed' : 'passed'],
      ['steady', 'passed'],
    ] as const;
    const record: RunRecord = {
      schemaVersion: RECORD_SCHEMA_VERSION,
      runId: `run-${i}`,
      project: '@app/web',
      tier: 'pr',
      session: `s${i}`,
      gitSha: `sha${i}`,
      branch: 'main',
      ciRunId: null,
      startedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
      durationMs: 100,
      guard: null,
      files: [{ file: `test/${i % 2}.test.ts`, durationMs: 50 + i }],
      results: results.map(([name, status]) => ({
        key: testKey('@app/web', 'test/a.test.ts', name),
        project: '@app/web',
        file: 'test/a.test.ts',
        name,
        status,
        durationMs: 10,
        retryCount: 0,
        flaky: false,
        heapBytes: null,
        tags: [],
        requirements: [],
      })),
    };
    await store.writeRun(record);
  }
  await store.close();
}

describe('assay insights', { meta: req('CLI-003') }, () => {
  test('an empty history: every view answers, none fails', () => {
    const dir = folder('insights');
    for (const view of ['flaky', 'slow', 'regressions', 'runs']) {
      const result = assay(dir, 'insights', view);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^no runs recorded yet in .*history\.db: run a tier \(make test-pr\) and they will be/,
      );
    }
    const json = JSON.parse(assay(dir, 'insights', 'flaky', '--json').stdout);
    expect(json).toMatchObject({ schemaVersion: 1, flaky: [], history: { executedRuns: 0 } });
    expect(assay(dir, 'insights', 'quarantine').stdout.trim()).toBe('quarantine is empty');
  });

  test('flaky with its evidence; progress on stderr, JSON on stdout', async () => {
    const dir = folder('insights');
    await recordRuns(dir, 6);
    const text = assay(dir, 'insights', 'flaky');
    expect(text.stdout).toContain('1 flaky and 0 broken of 2 tests');
    expect(text.stdout).toContain('flaky  0.300  @app/web › test/a.test.ts › flaky');
    expect(text.stdout).toContain('PFPFPF · flip rate 1');
    expect(text.stderr).toMatch(/^assay: analyzing .*history\.db…/);
    const json = JSON.parse(assay(dir, 'insights', 'flaky', '--json').stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.flaky.map((t: { name: string }) => t.name)).toEqual(['flaky']);
  });

  test('quarantine --update writes quarantine.yaml with the flaky test', async () => {
    const dir = folder('insights');
    await recordRuns(dir, 6);
    const result = assay(dir, 'insights', 'quarantine', '--update');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('quarantined: @app/web › test/a.test.ts › flaky — flaky (score 0.3): flip rate 1');
    expect(readFileSync(join(dir, 'quarantine.yaml'), 'utf8')).toContain('key: "@app/web › test/a.test.ts › flaky"');
  });

  test('benchmarks: figures files recorded per commit; a regression is flagged (--check exits 1) and clears once the figure recovers', async () => {
    const dir = folder('insights');
    // The history the command finds: a steady figure, then two slow runs (the rules' own tests are
    // in @assay/insights; here, the command's part — recording a file, listing, the exit code).
    const store = await HistoryStore.open(join(dir, '.assay/insights/history.db'));
    const stored = async (values: number[]) => {
      for (const value of values) {
        await store.writeMeasurements({
          gitSha: null,
          branch: 'main',
          recordedAt: '2026-11-01T00:00:00.000Z',
          measurements: [{ kind: 'benchmark', project: '@app/web', name: 'render', value, unit: 's', better: 'lower' }],
        });
      }
    };
    await stored([1.0, 1.02, 0.98, 1.01, 0.99, 1.0, 1.01, 1.5, 1.52]);
    const file = join(dir, 'render.json');
    const record = (value: number) => {
      const figures = {
        schemaVersion: 1,
        project: '@app/web',
        figures: [{ name: 'render', value, unit: 's', better: 'lower' }],
      };
      writeFileSync(file, JSON.stringify(figures));
      return assay(dir, 'insights', 'benchmarks', '--record', file, '--check');
    };
    // The third slow run in a row raises the alarm.
    const slow = record(1.49);
    expect(slow).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('REGRESSED  @app/web › render: 1.49 s (baseline 1 s'),
    });
    expect(slow.stderr).toContain('assay: recorded 1 benchmark figures from 1 files');
    // The third run back at the baseline clears it.
    await stored([1.0, 1.01]);
    await store.close();
    const back = record(0.99);
    expect(back).toMatchObject({ code: 0, stdout: expect.stringContaining('ok         @app/web › render: 0.99 s') });
    expect(assay(dir, 'insights', 'coverage').stdout.trim()).toBe('no coverage figures recorded yet');
  });

  test('benchmarks: a malformed figures file is one line naming the field, exit 2, and nothing is recorded', () => {
    const dir = folder('insights');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ schemaVersion: 1, project: 'p', figures: [{ name: 'x' }] }));
    const result = assay(dir, 'insights', 'benchmarks', '--record', 'bad.json');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/bad\.json: figures\[0\]\.value must be a number$/);
    expect(assay(dir, 'insights', 'benchmarks').stdout.trim()).toBe('no benchmark figures recorded yet');
    expect(assay(dir, 'insights', 'flaky', '--record').stderr).toContain(
      'assay: --record goes with the benchmarks view',
    );
  });

  test('assay bench keeps a script’s figures by their units; a script without figures, or failing, leaves none', () => {
    const dir = folder('bench');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@app/web' }));
    const script = (body: string) => {
      writeFileSync(join(dir, 'b.mjs'), body);
      return assay(dir, 'bench', '--', process.execPath, 'b.mjs');
    };
    const file = join(dir, '.assay/benchmarks/app-web.json');
    const ok = script(
      'console.log("measuring…");\nconsole.log(JSON.stringify({ renderMs: 12.5, coldSeconds: 3, imageMB: 80, overheadRatio: 1.1, tests: 500, provider: "container" }));',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('measuring…');
    expect(ok.stderr).toContain('assay bench: 4 figures of @app/web in .assay/benchmarks/app-web.json');
    expect(
      JSON.parse(readFileSync(file, 'utf8')).figures.map((f: { name: string; unit: string }) => [f.name, f.unit]),
    ).toEqual([
      ['renderMs', 'ms'],
      ['coldSeconds', 's'],
      ['imageMB', 'MB'],
      ['overheadRatio', '×'],
    ]);
    const none = script('console.log("done");');
    expect(none).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('did not end its output with a JSON object of figures'),
    });
    expect(script('process.exit(3);').code).toBe(3);
    expect(assay(dir, 'bench').stderr).toContain(
      "assay: missing the benchmark command: 'assay bench -- node x.bench.ts'",
    );
  });

  test('bad input: one line, exit 2', () => {
    const dir = folder('insights');
    expect(assay(dir, 'insights')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        'assay: missing view: expected one of flaky, slow, regressions, quarantine, runs',
      ),
    });
    expect(assay(dir, 'insights', 'flakey').stderr).toContain("assay: unknown view 'flakey'");
    expect(assay(dir, 'insights', 'flaky', '--runs', '0').stderr).toContain(
      "assay: invalid --runs '0': expected a whole number above 0",
    );
    writeFileSync(join(dir, 'quarantine.yaml'), 'schemaVersion: 1\ntests: 3\n');
    expect(assay(dir, 'insights', 'quarantine')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("quarantine.yaml: 'tests' must be a list"),
    });
  });

  test('a corrupt history: one line, exit 1', () => {
    const dir = folder('insights');
    writeFileSync(join(dir, 'package.json'), '{}');
    mkdirSync(join(dir, '.assay/insights'), { recursive: true });
    writeFileSync(join(dir, '.assay/insights/history.db'), 'garbage '.repeat(1000));
    const result = assay(dir, 'insights', 'flaky');
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(
      /^assay: the history database .*history\.db is corrupt \(file is not a database\): move it aside/,
    );
  });
});

describe('assay shard plan', { meta: req('CLI-003') }, () => {
  test('prints each shard’s predicted time and writes the plan', async () => {
    const dir = folder('insights');
    await recordRuns(dir, 4);
    const result = assay(dir, 'shard', 'plan', '--total', '2');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('@app/web: 2 files');
    expect(result.stdout).toMatch(/shard 1\/2: 0\.1 s, 1 files\n {2}shard 2\/2: 0\.1 s, 1 files/);
    const plan = JSON.parse(readFileSync(join(dir, '.assay/shard-plan.json'), 'utf8'));
    expect(plan).toMatchObject({ schemaVersion: 1, total: 2, projects: { '@app/web': { unknownFileMs: 52 } } });
  });

  test('--out: an absolute file is taken as given, a relative one from the working directory', async () => {
    const dir = folder('insights');
    await recordRuns(dir, 4);
    const elsewhere = join(folder('plans'), 'plan.json');
    expect(assay(dir, 'shard', 'plan', '--total', '2', '--out', elsewhere).code).toBe(0);
    expect(JSON.parse(readFileSync(elsewhere, 'utf8'))).toMatchObject({ schemaVersion: 1, total: 2 });
    expect(assay(dir, 'shard', 'plan', '--total', '2', '--out', 'plans/mine.json').code).toBe(0);
    expect(existsSync(join(dir, 'plans/mine.json'))).toBe(true);
  });

  test('bad input: missing or invalid --total, a wrong subcommand', () => {
    const dir = folder('insights');
    expect(assay(dir, 'shard', 'plan').stderr).toContain('assay: missing --total: how many shards the CI matrix has');
    expect(assay(dir, 'shard', 'plan', '--total', 'x').stderr).toContain("assay: invalid --total 'x'");
    expect(assay(dir, 'shard', 'split').stderr).toContain(
      "assay: expected 'assay shard plan|run|merge', got 'assay shard split'",
    );
    expect(existsSync(join(dir, '.assay/shard-plan.json'))).toBe(false);
  });
});

describe('assay shard run and merge', { meta: req('CLI-003', 'TIER-011') }, () => {
  /** A folder that is a monorepo root as far as the shard commands look. */
  const monorepo = () => {
    const dir = folder('shard');
    writeFileSync(join(dir, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
    return dir;
  };

  test('outside a monorepo root: one line, exit 2', () => {
    const dir = folder('shard');
    const result = assay(dir, 'shard', 'run', '--total', '3');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `assay: no pnpm-workspace.yaml in ${dir}: run 'assay shard run' at the monorepo root`,
    );
  });

  // One process per kind of mistake: a missing option, a value out of range, a wrong value.
  test.each([
    [['--index', '1'], 'assay: missing --total: how many shards the CI matrix has'],
    [['--total', '3', '--index', '4'], "assay: invalid shard index '4': expected a whole number from 1 to 3"],
    [['--total', '3', '--split', 'time'], "assay: invalid --split 'time': expected plan or count"],
  ] as const)('bad input %j: one line, exit 2', (args, message) => {
    const result = assay(monorepo(), 'shard', 'run', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('nothing to merge: one line, exit 1', () => {
    const merge = assay(monorepo(), 'shard', 'merge');
    expect(merge.code).toBe(1);
    expect(merge.stderr).toContain('assay: no workspace holds blobs of the pr tier to merge');
  });
});
