/**
 * Runs a copy of the sample project with the recorder, as a tier run would:
 *   node run-sample.ts <project-dir> <tier>
 * Vitest's exit code is passed through.
 */
import { startVitest } from 'vitest/node';
import { InsightsRecorder } from '../../src/recorder.ts';

const [root, tier] = process.argv.slice(2) as [string, string];
const vitest = await startVitest('test', [], {
  root,
  config: false,
  watch: false,
  tags: [{ name: 'unit' }],
  reporters: [new InsightsRecorder({ tier, guard: () => ({ ok: true, problems: [] }) })],
  // SAMPLE_QUALITY=1: measure the sample's sources, as the tier preset does, and run its benchmarks.
  ...(process.env.SAMPLE_QUALITY === '1'
    ? {
        coverage: { enabled: true, provider: 'v8' as const, include: ['src/**'], reporter: [] },
        benchmark: { enabled: true },
      }
    : {}),
});
await vitest.close();
process.exit(process.exitCode ?? 0);
