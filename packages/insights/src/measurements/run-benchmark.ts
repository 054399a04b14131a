/**
 * Runs a benchmark script and keeps its figures: the script prints what it measured as a JSON
 * object on its last line of output (`{"prColdSeconds": 98.2, "overheadRatio": 0.86}`), and the
 * figures, named by the unit convention of `benchmarkFigures`, go to `.assay/benchmarks/` for
 * `assay insights benchmarks --record`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { repoRoot } from '../config.ts';
import { projectName } from '../project.ts';
import { type BenchmarkFigures, benchmarkFigures, FiguresError, writeBenchmarkFigures } from './figures.ts';

export interface BenchmarkRun {
  readonly exitCode: number;
  /** Absent when the script failed. */
  readonly figures?: BenchmarkFigures;
  readonly file?: string;
}

/** The JSON object on the output's last non-empty line. */
export function lastLineFigures(output: string, command: string): Record<string, unknown> {
  const last = output.trimEnd().split('\n').at(-1) ?? '';
  let value: unknown;
  try {
    value = JSON.parse(last);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FiguresError(`${command} did not end its output with a JSON object of figures`);
  }
  return value as Record<string, unknown>;
}

/** Runs `command` in `cwd` (a workspace), its output passed through; writes its figures when it succeeds. */
export async function runBenchmark(command: readonly string[], cwd: string): Promise<BenchmarkRun> {
  const [program, ...args] = command;
  if (!program) throw new FiguresError('no benchmark command given');
  const child = spawn(program, args, { cwd, stdio: ['inherit', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
    process.stdout.write(chunk);
  });
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  const exitCode = code ?? (signal ? 1 : 0);
  if (exitCode !== 0) return { exitCode };
  const figures = benchmarkFigures(projectName(cwd), lastLineFigures(output, command.join(' ')));
  return { exitCode, figures, file: writeBenchmarkFigures(repoRoot(cwd), figures) };
}
