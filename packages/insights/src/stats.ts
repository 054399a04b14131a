/** Robust statistics for durations: the median and the median absolute deviation. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The median absolute deviation, scaled (×1.4826) to estimate a standard deviation under normal noise. */
export function mad(values: readonly number[], center = median(values)): number {
  return 1.4826 * median(values.map((value) => Math.abs(value - center)));
}
