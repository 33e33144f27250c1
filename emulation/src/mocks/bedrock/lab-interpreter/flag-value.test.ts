import { describe, expect, it } from 'vitest';
import { flagValue } from './flag-value.ts';
import { findReferenceRange } from './reference-range.ts';

const flag = (analyte: Parameters<typeof flagValue>[0]['analyte'], value: number, unit: string, range: string | null, valuePrefix: '' | '<' | '>' = '') =>
  flagValue({ analyte, value, unit, valuePrefix, range: range === null ? null : findReferenceRange(range) });

describe('flagValue against the printed range', () => {
  it.each([
    [11.2, '12.0-15.5', 'low'],
    [12.0, '12.0-15.5', 'normal'],
    [15.5, '12.0-15.5', 'normal'],
    [15.6, '12.0-15.5', 'high'],
    [99, '<100', 'normal'],
    [100, '<100', 'high'],
    [100, '<=100', 'normal'],
    [40, '>40', 'low'],
    [40, '>=40', 'normal'],
    [41, '>40', 'normal'],
  ] as const)('%d against %s is %s', (value, range, expected) => {
    expect(flag(null, value, 'mg/dL', range).flag).toBe(expected);
  });

  it('says which way and how far', () => {
    expect(flag(null, 11.2, 'g/dL', '12.0-15.5')).toMatchObject({ direction: 'below', basis: 'report', mild: true });
    expect(flag(null, 9, 'g/dL', '12.0-15.5')).toMatchObject({ flag: 'low', direction: 'below', mild: false });
    expect(flag(null, 162, 'mg/dL', '<100')).toMatchObject({ flag: 'high', direction: 'above', mild: false });
  });

  it('reads a printed comparator value on the right side of the bound', () => {
    expect(flag('egfr', 90, 'mL/min/1.73m2', '>90', '>').flag).toBe('normal');
    expect(flag('crp', 5, 'mg/L', '<5', '<').flag).toBe('normal');
    expect(flag('crp', 5, 'mg/L', '<5').flag).toBe('high');
  });
});

describe('critical values', () => {
  it('uses the ratio rule for two-sided ranges: below half the low bound or above twice the high bound', () => {
    expect(flag('alt', 113, 'U/L', '7-56').flag).toBe('critical');
    expect(flag('alt', 112, 'U/L', '7-56').flag).toBe('high');
    expect(flag(null, 5.9, 'x', '12-15').flag).toBe('critical');
    expect(flag(null, 6, 'x', '12-15').flag).toBe('low');
  });

  it('has no ratio rule for one-sided ranges', () => {
    expect(flag('ldl', 250, 'mg/dL', '<100').flag).toBe('high');
    expect(flag('hdl', 10, 'mg/dL', '>40').flag).toBe('low');
  });

  it.each([
    ['potassium', 6.3, 'mmol/L', '3.5-5.1', 'critical'],
    ['potassium', 6.2, 'mmol/L', '3.5-5.1', 'high'],
    ['potassium', 2.7, 'mEq/L', '3.5-5.1', 'critical'],
    ['potassium', 2.8, 'mmol/L', '3.5-5.1', 'low'],
    ['sodium', 119, 'mmol/L', '135-145', 'critical'],
    ['sodium', 161, 'mmol/L', '135-145', 'critical'],
    ['sodium', 125, 'mmol/L', '135-145', 'low'],
    ['glucose', 53, 'mg/dL', '70-99', 'critical'],
    ['glucose', 401, 'mg/dL', '70-99', 'critical'],
    ['glucose', 250, 'mg/dL', '70-99', 'high'],
    ['glucose', 2.9, 'mmol/L', '3.9-5.5', 'critical'],
    ['hemoglobin', 6.9, 'g/dL', '12.0-15.5', 'critical'],
    ['hemoglobin', 7, 'g/dL', '12.0-15.5', 'low'],
    ['hemoglobin', 69, 'g/L', '120-155', 'critical'],
    ['platelets', 19, 'x10^9/L', '150-400', 'critical'],
  ] as const)('%s %d %s (%s) is %s by the critical-threshold table', (analyte, value, unit, range, expected) => {
    expect(flag(analyte, value, unit, range).flag).toBe(expected);
  });

  it('lets the threshold table take precedence over the ratio rule and over a printed range', () => {
    // 250 > 2 × 99 would be critical by ratio; the glucose threshold (400) says high.
    expect(flag('glucose', 250, 'mg/dL', '70-99').flag).toBe('high');
    // Critical even though this (odd) printed range would call it normal.
    expect(flag('potassium', 6.5, 'mmol/L', '3.0-7.0')).toMatchObject({ flag: 'critical', direction: 'above' });
    // Critical with no range printed at all.
    expect(flag('potassium', 6.8, 'mmol/L', null)).toMatchObject({ flag: 'critical', direction: 'above', basis: 'default' });
  });

  it('applies thresholds only in their units', () => {
    expect(flag('glucose', 5.4, 'mmol/L', null).flag).toBe('normal');
    expect(flag('glucose', 30, '', null).flag).toBe('normal');
  });
});

describe('built-in default ranges', () => {
  it('flag a value whose report prints no range, in a known unit', () => {
    expect(flag('ferritin', 8, 'ng/mL', null)).toMatchObject({ flag: 'low', basis: 'default', range: { text: '15-300' } });
    expect(flag('ldl', 162, 'mg/dL', null)).toMatchObject({ flag: 'high', basis: 'default' });
    expect(flag('hdl', 40, 'mg/dL', null)).toMatchObject({ flag: 'normal', basis: 'default' });
  });

  it('are not used when the report prints a range', () => {
    expect(flag('hemoglobin', 12.5, 'g/dL', '13.0-17.0')).toMatchObject({ flag: 'low', basis: 'report' });
  });

  it('give normal when neither the report nor the table has a range', () => {
    expect(flag('vitamin_b12', 410, 'pg/mL', null)).toMatchObject({ flag: 'normal', basis: 'none', range: null });
    expect(flag(null, 1000, 'mg/dL', null)).toMatchObject({ flag: 'normal', basis: 'none' });
  });
});
