import { describe, expect, it } from 'vitest';
import { LineRingBuffer } from './line-ring-buffer.ts';

describe('LineRingBuffer', () => {
  it('joins lines split across chunks and keeps an unterminated last line', () => {
    const buffer = new LineRingBuffer(10);
    buffer.push('first li');
    buffer.push('ne\r\nsecond line\nthi');

    expect(buffer.tail()).toEqual(['first line', 'second line', 'thi']);
  });

  it('keeps only the newest lines up to its capacity', () => {
    const buffer = new LineRingBuffer(3);
    buffer.push('1\n2\n3\n4\n5\n');

    expect(buffer.tail()).toEqual(['3', '4', '5']);
    expect(buffer.tail(2)).toEqual(['4', '5']);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new LineRingBuffer(0)).toThrow(RangeError);
  });
});
