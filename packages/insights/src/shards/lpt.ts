/**
 * Longest processing time first: files sorted by expected duration (longest first, path as the tie
 * break), each given to the shard with the least work so far. Never worse than 4/3 of the best
 * split, and close to the ideal (total ÷ N) when no single file dominates.
 */
export interface Job {
  readonly id: string;
  readonly ms: number;
}

export interface Bin {
  readonly index: number;
  readonly jobs: string[];
  predictedMs: number;
}

/** `baseMs`: work each shard already has (another workspace's files, which the same leg runs). */
export function lpt(jobs: readonly Job[], total: number, baseMs: readonly number[] = []): Bin[] {
  const bins: Bin[] = Array.from({ length: total }, (_, i) => ({
    index: i + 1,
    jobs: [],
    predictedMs: baseMs[i] ?? 0,
  }));
  const sorted = [...jobs].sort((a, b) => b.ms - a.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const job of sorted) {
    let lightest = bins[0] as Bin;
    for (const bin of bins) if (bin.predictedMs < lightest.predictedMs) lightest = bin;
    lightest.jobs.push(job.id);
    lightest.predictedMs += job.ms;
  }
  return bins;
}

/** The longest shard's time: what a CI matrix waits for. */
export function makespan(bins: readonly { predictedMs: number }[]): number {
  return Math.max(...bins.map((bin) => bin.predictedMs));
}
