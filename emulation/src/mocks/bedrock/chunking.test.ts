import { describe, expect, it } from 'vitest';
import { splitJsonDeltas, splitTextDeltas } from './chunking.ts';

describe('splitTextDeltas', () => {
  it.each(['', 'one', '  leading and trailing  ', 'Your haemoglobin is 11.2 g/dL,\n\nwhich is a little below the range.\t'])(
    'gives back %j when joined',
    (text) => {
      expect(splitTextDeltas(text).join('')).toBe(text);
    },
  );

  it('groups words into a few tokens per delta', () => {
    const deltas = splitTextDeltas('one two three four five six seven eight nine ten eleven twelve');
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.every((delta) => delta.length <= 24)).toBe(true);
  });
});

describe('splitJsonDeltas', () => {
  it('slices and gives back the JSON', () => {
    const json = JSON.stringify({ title: 'Full blood count', labValues: Array.from({ length: 5 }, (_, i) => ({ name: `v${String(i)}` })) });
    const slices = splitJsonDeltas(json);
    expect(slices.length).toBeGreaterThan(1);
    expect(slices.join('')).toBe(json);
  });
});
