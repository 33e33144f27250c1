import { describe, expect, it } from 'vitest';
import { rateConfidence } from './rate-confidence.ts';

const of = (...bases: Array<'report' | 'default' | 'none'>) => bases.map((basis) => ({ basis }));

describe('rateConfidence', () => {
  it.each([
    [of('report', 'report', 'report'), 0.9],
    [of('report', 'report', 'report', 'none'), 0.9],
    [of('report', 'report', 'default'), 0.7],
    [of('none', 'none', 'none', 'none'), 0.7],
    [of('report', 'report'), 0.6],
    [of('report'), 0.6],
    [of('default'), 0.5],
    [of('report', 'none'), 0.5],
  ])('%j → %d', (values, expected) => {
    expect(rateConfidence(values)).toBe(expected);
  });
});
