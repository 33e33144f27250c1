import { describe, expect, it } from 'vitest';
import { datesInLine, findDocumentDate } from './find-document-date.ts';

describe('date forms', () => {
  it.each([
    ['2026-11-02', '2026-11-02'],
    ['2026/11/02', '2026-11-02'],
    ['02/11/2026', '2026-11-02'],
    ['2/11/2026', '2026-11-02'],
    ['13/02/2026', '2026-02-13'],
    ['02/13/2026', '2026-02-13'],
    ['02.11.2026', '2026-11-02'],
    ['02-11-2026', '2026-11-02'],
    ['2 Nov 2026', '2026-11-02'],
    ['2nd November 2026', '2026-11-02'],
    ['02-Nov-2026', '2026-11-02'],
    ['November 2, 2026', '2026-11-02'],
    ['Nov. 2 2026', '2026-11-02'],
    ['Sept 30, 2026', '2026-09-30'],
  ])('reads %j', (printed, iso) => {
    expect(datesInLine(`Collected: ${printed}`)).toEqual([iso]);
  });

  it.each(['2026-02-30', '31/02/2026', '32 Nov 2026', '02/11/26', '2026-13-01', 'Decreased 2026'])('rejects %j', (printed) => {
    expect(datesInLine(printed)).toEqual([]);
  });

  it('lists a line’s dates in printed order', () => {
    expect(datesInLine('Collected 2 Nov 2026, reported 2026-11-03')).toEqual(['2026-11-02', '2026-11-03']);
  });
});

describe('findDocumentDate', () => {
  it('prefers the collection date, then a dated line, then any date', () => {
    expect(findDocumentDate('Reported: 2026-11-03\nCollected: 2026-11-02')).toBe('2026-11-02');
    expect(findDocumentDate('Printed 2026-12-01\nDate: 5 Nov 2026')).toBe('2026-11-05');
    expect(findDocumentDate('Lipid Panel 2026-11-02\nLDL 162 mg/dL <100')).toBe('2026-11-02');
  });

  it('never takes a birth date', () => {
    expect(findDocumentDate('Date of birth: 01/01/1980\nPatient DOB 1980-01-01\nSpecimen received 03/11/2026')).toBe('2026-11-03');
    expect(findDocumentDate('DOB: 01/01/1980')).toBeNull();
  });

  it('is null without a date', () => {
    expect(findDocumentDate('Hemoglobin 11.2 g/dL 12.0-15.5')).toBeNull();
  });
});
