/**
 * CloudWatch statistics over the samples of one period: SampleCount, Sum, Average, Minimum,
 * Maximum, and percentiles `pNN` / `pNN.N` (nearest rank over the individual values, counts
 * expanded). Other extended statistics (tm, wm, tc, ts, PR…) are reported as unsupported.
 * @module
 */
export interface Samples {
  readonly values: readonly number[];
  /** How often each value was seen; default 1 each. */
  readonly counts?: readonly number[];
}

const BASIC = new Set(['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum']);

/** Undefined when the statistic is supported, else why not. */
export function unsupportedStatistic(statistic: string): string | undefined {
  if (BASIC.has(statistic) || /^p(\d{1,2}(\.\d+)?|100)$/.test(statistic)) return undefined;
  return `statistic ${statistic} is not supported by the local alarm evaluator (basic statistics and pNN are)`;
}

/** The statistic over all samples, or undefined when there are none. */
export function computeStatistic(statistic: string, samples: readonly Samples[]): number | undefined {
  const pairs: Array<[number, number]> = [];
  for (const sample of samples) sample.values.forEach((value, index) => pairs.push([value, sample.counts?.[index] ?? 1]));
  const sampleCount = pairs.reduce((sum, [, count]) => sum + count, 0);
  if (pairs.length === 0 || sampleCount === 0) return undefined;
  const sum = pairs.reduce((total, [value, count]) => total + value * count, 0);
  switch (statistic) {
    case 'SampleCount':
      return sampleCount;
    case 'Sum':
      return sum;
    case 'Average':
      return sum / sampleCount;
    case 'Minimum':
      return Math.min(...pairs.map(([value]) => value));
    case 'Maximum':
      return Math.max(...pairs.map(([value]) => value));
  }
  const percentile = /^p(\d+(?:\.\d+)?)$/.exec(statistic);
  if (percentile === null) throw new Error(unsupportedStatistic(statistic));
  const rank = Math.max(1, Math.ceil((Number(percentile[1]) / 100) * sampleCount));
  let seen = 0;
  for (const [value, count] of pairs.toSorted(([a], [b]) => a - b)) {
    seen += count;
    if (seen >= rank) return value;
  }
  return pairs.at(-1)?.[0];
}
