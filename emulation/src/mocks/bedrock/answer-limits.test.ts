import { describe, expect, it } from 'vitest';
import { applyStopSequences, truncateToTokens } from './answer-limits.ts';
import { estimateTokens } from './lab-interpreter/index.ts';

describe('applyStopSequences', () => {
  it('cuts before the earliest stop sequence', () => {
    expect(applyStopSequences('one two END three STOP', ['STOP', 'END'])).toEqual({ text: 'one two ', stopReason: 'stop_sequence', stopSequence: 'END' });
  });

  it('leaves text without a stop sequence alone', () => {
    expect(applyStopSequences('one two', ['STOP', ''])).toEqual({ text: 'one two', stopReason: 'end_turn', stopSequence: null });
  });
});

describe('truncateToTokens', () => {
  const text = 'Your haemoglobin is a little below the range the lab uses. '.repeat(10);

  it('keeps text that fits', () => {
    expect(truncateToTokens('short', 10)).toEqual({ text: 'short', truncated: false });
  });

  it.each([1, 5, 17, 100])('cuts to at most %i tokens, at a word boundary', (maxTokens) => {
    const cut = truncateToTokens(text, maxTokens);
    expect(cut.truncated).toBe(true);
    expect(estimateTokens(cut.text)).toBeLessThanOrEqual(maxTokens);
    expect(text.startsWith(cut.text)).toBe(true);
    if (cut.text.length > 20) expect(text[cut.text.length]).toBe(' ');
  });
});
