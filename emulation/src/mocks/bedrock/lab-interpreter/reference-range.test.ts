import { describe, expect, it } from 'vitest';
import { findReferenceRange, fromReportedRange, parseRangeAtEnd, parseRangeAtStart, toReportedRange } from './reference-range.ts';

describe('findReferenceRange', () => {
  it.each([
    ['12.0-15.5', { low: 12, high: 15.5, lowInclusive: true, highInclusive: true, text: '12.0-15.5' }],
    ['0.4 – 4.0', { low: 0.4, high: 4, lowInclusive: true, highInclusive: true, text: '0.4 – 4.0' }],
    ['(70 - 99)', { low: 70, high: 99, lowInclusive: true, highInclusive: true, text: '70 - 99' }],
    ['3,5-5,1', { low: 3.5, high: 5.1, lowInclusive: true, highInclusive: true, text: '3,5-5,1' }],
    ['150,000-400,000', { low: 150000, high: 400000, lowInclusive: true, highInclusive: true, text: '150,000-400,000' }],
    ['12 to 15', { low: 12, high: 15, lowInclusive: true, highInclusive: true, text: '12 to 15' }],
    ['<100', { low: null, high: 100, lowInclusive: false, highInclusive: false, text: '<100' }],
    ['< 100', { low: null, high: 100, lowInclusive: false, highInclusive: false, text: '< 100' }],
    ['<=5.0', { low: null, high: 5, lowInclusive: false, highInclusive: true, text: '<=5.0' }],
    ['≤5.0', { low: null, high: 5, lowInclusive: false, highInclusive: true, text: '≤5.0' }],
    ['>40', { low: 40, high: null, lowInclusive: false, highInclusive: false, text: '>40' }],
    ['>=60', { low: 60, high: null, lowInclusive: true, highInclusive: false, text: '>=60' }],
    ['≥ 60', { low: 60, high: null, lowInclusive: true, highInclusive: false, text: '≥ 60' }],
    ['less than 100', { low: null, high: 100, lowInclusive: false, highInclusive: false, text: 'less than 100' }],
    ['reference <100', { low: null, high: 100, lowInclusive: false, highInclusive: false, text: '<100' }],
  ])('reads %j', (printed, expected) => {
    expect(findReferenceRange(printed)).toEqual(expected);
  });

  it.each(['2026-11-02', '02/11/2026', 'x10^9/L', 'HbA1c', '19-9', '15.5-12.0', 'no range', '25-OH'])('finds no range in %j', (printed) => {
    expect(findReferenceRange(printed)).toBeNull();
  });
});

describe('parseRangeAtStart', () => {
  it('reads a bracketed, labelled range and counts the closing bracket', () => {
    expect(parseRangeAtStart(' (ref: 70-99) mg/dL')).toEqual({ range: expect.objectContaining({ low: 70, high: 99, text: '70-99' }) as unknown, length: 13 });
    expect(parseRangeAtStart('Normal range: 12.0 - 15.5')?.range).toMatchObject({ low: 12, high: 15.5 });
    expect(parseRangeAtStart('(reference <100) — high')?.range).toMatchObject({ low: null, high: 100, text: '<100' });
  });

  it('needs the range at the start', () => {
    expect(parseRangeAtStart('hours 70-99')).toBeNull();
  });
});

describe('parseRangeAtEnd', () => {
  it('finds a range that closes a name, and where it starts', () => {
    expect(parseRangeAtEnd('Hemoglobin (12.0-15.5)')).toEqual({ range: expect.objectContaining({ low: 12, high: 15.5, text: '12.0-15.5' }) as unknown, index: 11 });
    expect(parseRangeAtEnd('CA 19-9')).toBeNull();
  });
});

describe('reported ranges', () => {
  it('drop the inclusive flags and get them back from the text', () => {
    const reported = toReportedRange(findReferenceRange('<100')!);
    expect(reported).toEqual({ low: null, high: 100, text: '<100' });
    expect(fromReportedRange(reported)).toEqual({ low: null, high: 100, lowInclusive: true, highInclusive: false, text: '<100' });
    expect(fromReportedRange({ low: 1, high: 2, text: 'odd' })).toMatchObject({ lowInclusive: true, highInclusive: true });
  });
});
