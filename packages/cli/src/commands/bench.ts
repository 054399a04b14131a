import { relative } from 'node:path';
import { repoRoot, runBenchmark } from '@assay/insights';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';

export const bench: Command = {
  name: 'bench',
  positionals: true,
  usage: `usage: assay bench -- <command> [args…]

Runs a workspace's benchmark script and keeps its figures for the history. The script prints what
it measured as a JSON object on its last line; figures named …Ms, …Seconds, …MB or …Ratio (ms, s,
MB, ×; lower is better) are written to .assay/benchmarks/<workspace>.json, which
'assay insights benchmarks --record' stores per commit. The script's exit code is passed through.`,
  options: {},
  async run(_values, positionals) {
    if (positionals.length === 0)
      throw new UsageError("missing the benchmark command: 'assay bench -- node x.bench.ts'");
    const result = await runBenchmark(positionals, process.cwd());
    if (result.figures && result.file) {
      console.error(
        `assay bench: ${result.figures.figures.length} figures of ${result.figures.project} in ${relative(repoRoot(), result.file)}`,
      );
    }
    return result.exitCode;
  },
};
