import { describe, expect, it } from 'vitest';
import { MAX_LAB_VALUES, parseLabLines } from './parse-lab-lines.ts';

describe('parseLabLines', () => {
  it('reads free-form lines and skips the rest', () => {
    const text = 'Lipid Panel\nCollected: 2026-11-02\n\nLDL Cholesterol 162 mg/dL <100\r\nHDL 38 mg/dL >40\nEnd of report';
    expect(parseLabLines(text).map((line) => [line.name, line.value])).toEqual([
      ['LDL Cholesterol', 162],
      ['HDL', 38],
    ]);
  });

  it('reads a table through its header, whatever the column order', () => {
    // Free-form reading would take "Hemoglobin g/dL" for the name, or find no name at all.
    const text = ['Analyte  |  Units  |  Result  |  Reference', 'Hemoglobin | g/dL | 11.2 | 12.0-15.5', 'Platelets | x10^9/L | 265 | 150-400'].join('\n');
    const reversed = ['Result\tTest\tUnits\tRange', '11.2\tHemoglobin\tg/dL\t12.0-15.5'].join('\n');
    expect(parseLabLines(reversed).map((line) => [line.name, line.value, line.unit, line.range?.text])).toEqual([['Hemoglobin', 11.2, 'g/dL', '12.0-15.5']]);
    expect(parseLabLines(text).map((line) => [line.name, line.value, line.unit, line.range?.text])).toEqual([
      ['Hemoglobin', 11.2, 'g/dL', '12.0-15.5'],
      ['Platelets', 265, 'x10^9/L', '150-400'],
    ]);
  });

  it('falls back to the line parser for rows that do not fit the header', () => {
    const text = 'Test    Result    Flag    Units    Reference Range\nHemoglobin    11.2    L    g/dL    12.0-15.5\nPlatelets    265    x10^9/L    150-400';
    expect(parseLabLines(text).map((line) => [line.name, line.value, line.unit, line.range?.text])).toEqual([
      ['Hemoglobin', 11.2, 'g/dL', '12.0-15.5'],
      ['Platelets', 265, 'x10^9/L', '150-400'],
    ]);
  });

  it('stops at the contract maximum', () => {
    const text = Array.from({ length: MAX_LAB_VALUES + 5 }, (_, index) => `Marker ${index} ${index + 1} mg/dL 1-2`).join('\n');
    expect(parseLabLines(text)).toHaveLength(MAX_LAB_VALUES);
  });
});
