import { describe, expect, it } from 'vitest';
import { LAB_NUMBER_SOURCE, parseLabNumber } from './lab-number.ts';

describe('parseLabNumber', () => {
  it.each([
    ['11.2', 11.2],
    ['182', 182],
    ['5,4', 5.4],
    ['0,125', 0.125],
    ['12,50', 12.5],
    ['1,250', 1250],
    ['150,000', 150000],
    ['1,250.5', 1250.5],
    [' 7 ', 7],
  ])('%s reads as %d', (printed, expected) => {
    expect(parseLabNumber(printed)).toBe(expected);
  });

  it.each(['', 'abc', '1.2.3', '-4', '1,2,3', '12a'])('rejects %j', (printed) => {
    expect(parseLabNumber(printed)).toBeNull();
  });

  it('has a pattern that matches a whole thousands number', () => {
    expect(new RegExp(`^${LAB_NUMBER_SOURCE}`).exec('150,000-400,000')?.[0]).toBe('150,000');
  });
});
