import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.ts';

const USAGE = `usage: assay <command> [options]   (assay --version: the version)

commands:
  init     add Assay to this monorepo            assay init [--dry-run] [--check] [--force]
  test     run a tier in this workspace         assay test --tier T [--category C]… [--confirm]
  list     count the tests a tier selects        assay list --tier pr [--category C]… [--json]
  summary  one summary of a monorepo tier run    assay summary --tier pr --since <epoch-ms> [--json]
  report   the last tier run as markdown         assay report --tier pr [--stdout]
  trace    requirement traceability gate         assay trace --threshold 100 [--require-links] [--static]
  gate     check a gate before a monorepo run    assay gate --confirm destructive | --soak 24h
  doctor   which provider each service will use  assay doctor [--json]
  insights test history: flaky, slow, regressions, quarantine, runs
                                                assay insights flaky|slow|regressions|quarantine|runs [--json]
  contract offline can-i-deploy over pacts/     assay contract verify [--json]
  property saved property failures             assay property failures [--clear] [--json]
  coverage changed-lines coverage of a branch    assay coverage changed [--base REF] [--threshold PCT]
  bench    a benchmark script's figures, kept     assay bench -- node x.bench.ts
  mutate   mutation testing, gated by baseline    assay mutate [--workspace W]… [--incremental]
  shard    balanced CI shards from recorded times
                                                assay shard plan --total N [--json]
                                                assay shard run --total N [--index I] [--compare]
                                                assay shard merge [--tier T]
  security dependency audit, secrets, licences, SBOM
                                                assay security [--only audit|secrets|licenses|sbom]… [--json]
  k8s      the tier's shards as a Kubernetes Indexed Job
                                                assay k8s render|run --shards N [--overlay kind|cluster]
                                                assay k8s shard --total N --artifacts DIR (in the pod)

Run 'assay <command> --help' for a command's options.`;

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Commands with subcommands (`assay insights flaky`) take positionals. */
  readonly positionals?: boolean;
  run(
    values: Record<string, string | boolean | (string | boolean)[] | undefined>,
    positionals: readonly string[],
  ): Promise<number>;
}

// Each command is loaded when it runs: the CLI starts without loading Pact, Testcontainers and the
// rest of what other commands need.
const COMMANDS: ReadonlyMap<string, () => Promise<Command>> = new Map([
  ['init', async () => (await import('./commands/init.ts')).init],
  ['test', async () => (await import('./commands/test.ts')).test],
  ['list', async () => (await import('./commands/list.ts')).list],
  ['summary', async () => (await import('./commands/summary.ts')).summary],
  ['report', async () => (await import('./commands/report.ts')).report],
  ['trace', async () => (await import('./commands/trace.ts')).trace],
  ['gate', async () => (await import('./commands/gate.ts')).gate],
  ['doctor', async () => (await import('./commands/doctor.ts')).doctor],
  ['insights', async () => (await import('./commands/insights.ts')).insights],
  ['shard', async () => (await import('./commands/shard.ts')).shard],
  ['property', async () => (await import('./commands/property.ts')).property],
  ['contract', async () => (await import('./commands/contract.ts')).contract],
  ['coverage', async () => (await import('./commands/coverage.ts')).coverage],
  ['bench', async () => (await import('./commands/bench.ts')).bench],
  ['mutate', async () => (await import('./commands/mutate.ts')).mutate],
  ['security', async () => (await import('./commands/security.ts')).security],
  ['k8s', async () => (await import('./commands/k8s.ts')).k8s],
]);

/** This package's version: its manifest is one folder up, from the sources and from the build alike. */
function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** Runs one `assay` command line and resolves to its exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    console.log(version());
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS.get(name);
  try {
    if (!load) throw new UsageError(`unknown command '${name}': expected one of ${[...COMMANDS.keys()].join(', ')}`);
    const command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(command.usage);
      return 0;
    }
    const { values, positionals } = parseCommandLine(command, rest);
    return await command.run(values, positionals);
  } catch (error) {
    return reportError(error);
  }
}

function parseCommandLine(command: Command, args: string[]) {
  try {
    return parseArgs({ args, options: command.options, strict: true, allowPositionals: command.positionals ?? false });
  } catch (error) {
    // Node's messages are already one line, e.g. "Unknown option '--teir'".
    throw new UsageError(`${(error as Error).message.split('. ', 1)[0]}: see 'assay ${command.name} --help'`);
  }
}

/** Known failures print one line; anything else is a bug and keeps its stack. */
function reportError(error: unknown): number {
  if (error instanceof Error && 'exitCode' in error && (error.exitCode === 1 || error.exitCode === 2)) {
    console.error(`assay: ${error.message}`);
    return error.exitCode;
  }
  console.error(error);
  return 1;
}
