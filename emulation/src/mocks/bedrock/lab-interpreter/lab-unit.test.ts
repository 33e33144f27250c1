import { describe, expect, it } from 'vitest';
import { displayUnit, matchUnitAtStart, unitKey } from './lab-unit.ts';

describe('matchUnitAtStart', () => {
  it.each([
    ['mg/dL 70-99', 'mg/dL'],
    [' g/dL', 'g/dL'],
    ['mmol/L (3.5-5.1)', 'mmol/L'],
    ['µmol/L', 'µmol/L'],
    ['μmol/L', 'µmol/L'],
    ['umol/L', 'umol/L'],
    ['U/L', 'U/L'],
    ['IU/L', 'IU/L'],
    ['mIU/L 0.4 – 4.0', 'mIU/L'],
    ['% 4.0-5.6', '%'],
    ['x10^9/L', 'x10^9/L'],
    ['10^3/uL', '10^3/uL'],
    ['×10⁹/L', '×10⁹/L'],
    ['fL', 'fL'],
    ['pg', 'pg'],
    ['ng/mL', 'ng/mL'],
    ['mEq/L', 'mEq/L'],
    ['mL/min/1.73m2 >60', 'mL/min/1.73m2'],
    ['mL/min/1.73 m2 >60', 'mL/min/1.73 m2'],
    ['mg/dL)', 'mg/dL'],
  ])('reads %j as %j', (text, unit) => {
    expect(matchUnitAtStart(text)?.unit).toBe(unit);
  });

  it.each(['hours', 'of 2', 'L', 'years old', '12.0-15.5', 'mL'])('finds no unit in %j', (text) => {
    expect(matchUnitAtStart(text)).toBeNull();
  });

  it('reports how much text it used', () => {
    expect(matchUnitAtStart('  mg/dL <100')).toEqual({ unit: 'mg/dL', length: 7 });
  });
});

describe('unitKey', () => {
  it('folds the spellings of one unit together', () => {
    expect(unitKey('x10^9/L')).toBe('10^9/l');
    expect(unitKey('10^3/µL')).toBe('10^9/l');
    expect(unitKey('×10⁹/L')).toBe('10^9/l');
    expect(unitKey('K/uL')).toBe('10^9/l');
    expect(unitKey('µmol/L')).toBe('umol/l');
    expect(unitKey('mcg/L')).toBe('ug/l');
    expect(unitKey('mL/min/1.73 m²')).toBe('ml/min/1.73m2');
  });

  it('keeps different units apart', () => {
    expect(unitKey('mg/dL')).not.toBe(unitKey('mmol/L'));
    expect(unitKey('x10^12/L')).toBe('10^12/l');
  });
});

describe('displayUnit', () => {
  it('writes the Greek mu as the micro sign', () => {
    expect(displayUnit(' μg/L ')).toBe('µg/L');
  });
});
