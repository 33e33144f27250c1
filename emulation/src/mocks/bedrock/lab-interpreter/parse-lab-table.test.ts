import { describe, expect, it } from 'vitest';
import { detectTableHeader, parseTableRow, splitCells } from './parse-lab-table.ts';

describe('splitCells', () => {
  it('splits on pipes, tabs or runs of spaces', () => {
    expect(splitCells('| Hemoglobin | 11.2 | g/dL |')).toEqual(['Hemoglobin', '11.2', 'g/dL']);
    expect(splitCells('WBC\t6.4\t\tx10^9/L')).toEqual(['WBC', '6.4', '', 'x10^9/L']);
    expect(splitCells('  TSH     2,1   mIU/L  ')).toEqual(['TSH', '2,1', 'mIU/L']);
  });
});

describe('detectTableHeader', () => {
  it('maps the columns a header names', () => {
    expect(detectTableHeader('Test\tResult\tFlag\tUnits\tReference Range')).toEqual({ columns: 5, name: 0, value: 1, unit: 3, range: 4 });
    expect(detectTableHeader('Analyte | Reference interval | Result | Units')).toEqual({ columns: 4, name: 0, value: 2, unit: 3, range: 1 });
    expect(detectTableHeader('Component    Your Value    Standard Range')).toEqual({ columns: 3, name: 0, value: 1, unit: null, range: 2 });
  });

  it.each(['Complete Blood Count', 'Test Result Units Reference Range', 'Hemoglobin\t11.2\tg/dL', 'Name\tDate\tClinic'])('is not fooled by %j', (line) => {
    expect(detectTableHeader(line)).toBeNull();
  });
});

describe('parseTableRow', () => {
  it('reads a row in any column order', () => {
    const layout = detectTableHeader('Analyte | Reference interval | Result | Units')!;
    expect(parseTableRow('Hemoglobin | 12.0-15.5 | 11.2 L | g/dL', layout)).toEqual({
      name: 'Hemoglobin',
      value: 11.2,
      valuePrefix: '',
      unit: 'g/dL',
      range: { low: 12, high: 15.5, lowInclusive: true, highInclusive: true, text: '12.0-15.5' },
      statedFlag: null,
    });
  });

  it('keeps a blank flag column in place in a tab table', () => {
    const layout = detectTableHeader('Test\tResult\tFlag\tUnits\tReference Range')!;
    expect(parseTableRow('White Blood Cells\t6.4\t\tx10^9/L\t4.0-11.0', layout)).toMatchObject({ name: 'White Blood Cells', value: 6.4, unit: 'x10^9/L', range: { text: '4.0-11.0' } });
  });

  it('leaves rows that do not fit to the line parser', () => {
    const layout = detectTableHeader('Test\tResult\tUnits\tReference Range')!;
    expect(parseTableRow('Hemoglobin\t11.2\tg/dL', layout)).toBeNull();
    expect(parseTableRow('Hemoglobin\tpending\tg/dL\t12.0-15.5', layout)).toBeNull();
    expect(parseTableRow('12\t11.2\tg/dL\t12.0-15.5', layout)).toBeNull();
  });
});
