import { describe, expect, it } from 'vitest';
import { CHARACTERS_PER_TOKEN, estimateTokens } from './estimate-tokens.ts';

describe('estimateTokens', () => {
  it('is characters / 4, rounded up', () => {
    expect(CHARACTERS_PER_TOKEN).toBe(4);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('Hemoglobin 11.2 g/dL')).toBe(5);
    expect(estimateTokens('x'.repeat(4_001))).toBe(1_001);
  });

  it('is at least 1', () => {
    expect(estimateTokens('')).toBe(1);
    expect(estimateTokens('a')).toBe(1);
  });
});
