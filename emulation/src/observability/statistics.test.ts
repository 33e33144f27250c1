import { describe, expect, it } from 'vitest';
import { computeStatistic, unsupportedStatistic } from './statistics.ts';

const samples = [{ values: [1, 2, 3] }, { values: [10], counts: [2] }];

describe('computeStatistic', () => {
  it('computes the basic statistics, counting repeated values', () => {
    expect(computeStatistic('SampleCount', samples)).toBe(5);
    expect(computeStatistic('Sum', samples)).toBe(26);
    expect(computeStatistic('Average', samples)).toBe(5.2);
    expect(computeStatistic('Minimum', samples)).toBe(1);
    expect(computeStatistic('Maximum', samples)).toBe(10);
  });

  it('computes percentiles by nearest rank', () => {
    const hundred = [{ values: Array.from({ length: 100 }, (_, index) => index + 1) }];
    expect(computeStatistic('p50', hundred)).toBe(50);
    expect(computeStatistic('p99', hundred)).toBe(99);
    expect(computeStatistic('p99.5', hundred)).toBe(100);
    expect(computeStatistic('p100', hundred)).toBe(100);
  });

  it('gives no value without samples, and names unsupported statistics', () => {
    expect(computeStatistic('Sum', [])).toBeUndefined();
    expect(unsupportedStatistic('p90')).toBeUndefined();
    expect(unsupportedStatistic('tm99')).toMatch(/tm99 is not supported/);
  });
});
