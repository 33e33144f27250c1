import { describe, expect, it } from 'vitest';
import { isEmulationDebugEnabled } from './debug-output.ts';

describe('isEmulationDebugEnabled', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    [' FALSE ', false],
    ['1', true],
    ['true', true],
    ['moto', true],
  ])('SERENYA_DEBUG=%j gives %s', (value, expected) => {
    expect(isEmulationDebugEnabled(value === undefined ? {} : { SERENYA_DEBUG: value })).toBe(expected);
  });
});
