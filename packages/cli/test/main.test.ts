/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { main } from '../src/index.ts';
// The commands these tests run, loaded with the file: `main` imports a command when it runs, and
// loading one's module graph is the file's set-up, not a part of any test's time.
import '../src/commands/gate.ts';
import '../src/commands/list.ts';
import '../src/commands/summary.ts';
import '../src/commands/test.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `assay` in-process, capturing what it prints. */
async function assay(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  const code = await main(argv);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('the assay command line', { meta: req('CLI-001') }, () => {
  test('no command prints the usage and exits 2', async () => {
    const result = await assay();
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^usage: assay <command>/);
  });

  test('--help lists the commands and exits 0', async () => {
    const result = await assay('--help');
    expect(result.code).toBe(0);
    for (const command of ['test', 'list', 'summary', 'report', 'trace', 'gate', 'doctor'])
      expect(result.stdout).toContain(`  ${command} `);
  });

  test('a command’s --help shows its own usage', async () => {
    const result = await assay('list', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: assay list --tier/);
  });

  test.each([
    [
      ['summary', '--tier', 'pr'],
      "assay: invalid --since '': expected the run's start in ms since the epoch (date +%s%3N)",
    ],
    [
      ['summary', '--tier', 'pr', '--since', 'yesterday'],
      "assay: invalid --since 'yesterday': expected the run's start in ms since the epoch (date +%s%3N)",
    ],
    [['gate'], 'assay: nothing to check: give --confirm <category> or --soak <duration>'],
    [
      ['gate', '--confirm', 'unit'],
      "assay: category 'unit' needs no confirmation: only chaos, operational, destructive do",
    ],
    [
      ['gate', '--soak', 'long'],
      "assay: invalid --soak 'long': expected a number and a unit, like 30s, 15m, 1h or 24h",
    ],
    [['list', '--tier', 'pr', 'extra'], "assay: Unexpected argument 'extra': see 'assay list --help'"],
  ])('assay %j is a usage error', async (argv, message) => {
    const result = await assay(...argv);
    expect(result.stderr).toBe(message);
    expect(result.code).toBe(2);
  });

  test('gate refuses a day-long soak outside CI with exit 1', { meta: req('CLI-002') }, async () => {
    vi.stubEnv('CI', '');
    const result = await assay('gate', '--soak', '24h');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'assay: refused: a 24h soak runs only in CI (CI=true); locally soak runs are limited to 1h',
    );
    vi.unstubAllEnvs();
  });

  test('gate passes a confirmed destructive run', { meta: req('CLI-002') }, async () => {
    vi.stubEnv('ASSAY_CONFIRM_DESTRUCTIVE', 'yes');
    expect((await assay('gate', '--confirm', 'destructive')).code).toBe(0);
    vi.unstubAllEnvs();
  });
});
