import { describe, expect, it } from 'vitest';
import { isPlausibleAnalyteName, parseLabLine, tidyAnalyteName } from './parse-lab-line.ts';

const summary = (line: string) => {
  const parsed = parseLabLine(line);
  return parsed === null ? null : { name: parsed.name, value: parsed.value, unit: parsed.unit, range: parsed.range?.text ?? null };
};

describe('parseLabLine', () => {
  it.each([
    ['Hemoglobin 11.2 g/dL 12.0-15.5', { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', range: '12.0-15.5' }],
    ['Glucose, fasting: 182 mg/dL (70 - 99)', { name: 'Glucose, fasting', value: 182, unit: 'mg/dL', range: '70 - 99' }],
    ['LDL Cholesterol 162 mg/dL <100', { name: 'LDL Cholesterol', value: 162, unit: 'mg/dL', range: '<100' }],
    ['HDL 38 mg/dL >40', { name: 'HDL', value: 38, unit: 'mg/dL', range: '>40' }],
    ['TSH 2.1 mIU/L 0.4 – 4.0', { name: 'TSH', value: 2.1, unit: 'mIU/L', range: '0.4 – 4.0' }],
    ['TSH 2,1 mIU/L 0,4 – 4,0', { name: 'TSH', value: 2.1, unit: 'mIU/L', range: '0,4 – 4,0' }],
    ['Hemoglobin\t11.2\tL\tg/dL\t12.0-15.5', { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', range: '12.0-15.5' }],
    ['Hemoglobin    11.2 L    g/dL    12.0-15.5', { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', range: '12.0-15.5' }],
    ['Hemoglobin 11.2L g/dL 12.0-15.5', { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', range: '12.0-15.5' }],
    ['LDL Cholesterol 162 H mg/dL <100', { name: 'LDL Cholesterol', value: 162, unit: 'mg/dL', range: '<100' }],
    ['LDL Cholesterol 162* mg/dL <100', { name: 'LDL Cholesterol', value: 162, unit: 'mg/dL', range: '<100' }],
    ['Hemoglobin 11.2 g/dL 12.0-15.5 L', { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', range: '12.0-15.5' }],
    ['Hemoglobin 11.2 Low g/dL 12.0-15.5', { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', range: '12.0-15.5' }],
    ['Creatinine 88 µmol/L 53-115', { name: 'Creatinine', value: 88, unit: 'µmol/L', range: '53-115' }],
    ['Creatinine 88 μmol/L 53-115', { name: 'Creatinine', value: 88, unit: 'µmol/L', range: '53-115' }],
    ['Creatinine 88 umol/L 53-115', { name: 'Creatinine', value: 88, unit: 'umol/L', range: '53-115' }],
    ['ALT 32 U/L 7-56', { name: 'ALT', value: 32, unit: 'U/L', range: '7-56' }],
    ['AST 28 IU/L 10-40', { name: 'AST', value: 28, unit: 'IU/L', range: '10-40' }],
    ['HbA1c 6.1 % 4.0-5.6', { name: 'HbA1c', value: 6.1, unit: '%', range: '4.0-5.6' }],
    ['HbA1c 6.1% 4.0-5.6', { name: 'HbA1c', value: 6.1, unit: '%', range: '4.0-5.6' }],
    ['WBC 6.4 x10^9/L 4.0-11.0', { name: 'WBC', value: 6.4, unit: 'x10^9/L', range: '4.0-11.0' }],
    ['Platelets 265 10^3/uL 150-400', { name: 'Platelets', value: 265, unit: '10^3/uL', range: '150-400' }],
    ['MCV 86 fL 80-100', { name: 'MCV', value: 86, unit: 'fL', range: '80-100' }],
    ['MCH 28.4 pg 27-33', { name: 'MCH', value: 28.4, unit: 'pg', range: '27-33' }],
    ['Ferritin 45 ng/mL 15-150', { name: 'Ferritin', value: 45, unit: 'ng/mL', range: '15-150' }],
    ['Sodium 139 mEq/L 136-145', { name: 'Sodium', value: 139, unit: 'mEq/L', range: '136-145' }],
    ['Vitamin D, 25-OH 32 ng/mL 30-100', { name: 'Vitamin D, 25-OH', value: 32, unit: 'ng/mL', range: '30-100' }],
    ['Vitamin B12 450 pg/mL 200-900', { name: 'Vitamin B12', value: 450, unit: 'pg/mL', range: '200-900' }],
    ['CA 19-9 20 U/mL <35', { name: 'CA 19-9', value: 20, unit: 'U/mL', range: '<35' }],
    ['Hemoglobin 11.2 (12.0-15.5) g/dL', { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', range: '12.0-15.5' }],
    ['Glucose 182 (70-99 mg/dL)', { name: 'Glucose', value: 182, unit: 'mg/dL', range: '70-99' }],
    ['Hemoglobin 12.0-15.5 11.2 g/dL', { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', range: '12.0-15.5' }],
    ['| Hemoglobin | 11.2 | g/dL | 12.0-15.5 |', { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', range: '12.0-15.5' }],
    ['- Hemoglobin ........ 11.2 g/dL', { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', range: null }],
    ['Platelets 1,250 x10^9/L 150-400', { name: 'Platelets', value: 1250, unit: 'x10^9/L', range: '150-400' }],
    ['eGFR: >90 mL/min/1.73m2 (>=60)', { name: 'eGFR', value: 90, unit: 'mL/min/1.73m2', range: '>=60' }],
    ['Glucose 1 hour 180 mg/dL <180', { name: 'Glucose 1 hour', value: 180, unit: 'mg/dL', range: '<180' }],
    ['Potassium 4.1', { name: 'Potassium', value: 4.1, unit: '', range: null }],
    ['Potassium 4.1 H', { name: 'Potassium', value: 4.1, unit: '', range: null }],
  ])('reads %j', (line, expected) => {
    expect(summary(line)).toEqual(expected);
  });

  it.each([
    'Complete Blood Count',
    'Test\tResult\tUnits\tReference Range',
    'Collected: 2026-11-02 08:15',
    'Date: 02/11/2026',
    'Collected: 2 Nov 2026',
    'Patient: Test Patient    DOB: 01/01/1980',
    'Patient ID: 12345',
    'Page 1 of 2',
    'Specimen: serum, fasting 12 hours',
    'Age: 45 years',
    '3 of 12 values are outside the reference range: LDL (high)',
    'Summary: 1 of 6 values is outside the range',
    'Mystery marker 12',
    'LDL Cholesterol <100',
    '',
  ])('skips %j', (line) => {
    expect(parseLabLine(line)).toBeNull();
  });

  it('keeps a comparator printed before the value', () => {
    expect(parseLabLine('eGFR >90 mL/min/1.73m2 >60')).toMatchObject({ value: 90, valuePrefix: '>' });
    expect(parseLabLine('CRP <0.5 mg/L <5')).toMatchObject({ value: 0.5, valuePrefix: '<' });
  });

  it('reads a flag word that ends a line, as the chat context prints it', () => {
    expect(parseLabLine('LDL Cholesterol: 162 mg/dL (reference <100) — high')).toMatchObject({
      name: 'LDL Cholesterol',
      value: 162,
      unit: 'mg/dL',
      range: { low: null, high: 100, text: '<100' },
      statedFlag: 'high',
    });
    expect(parseLabLine('Hemoglobin 11.2 g/dL 12.0-15.5')?.statedFlag).toBeNull();
  });
});

describe('name helpers', () => {
  it('tidy a printed name', () => {
    expect(tidyAnalyteName('- Glucose,   fasting ....:')).toBe('Glucose, fasting');
    expect(tidyAnalyteName('1. Hemoglobin =')).toBe('Hemoglobin');
  });

  it('tell names from sentences', () => {
    expect(isPlausibleAnalyteName('25-OH Vitamin D')).toBe(true);
    expect(isPlausibleAnalyteName('3 of')).toBe(false);
    expect(isPlausibleAnalyteName('one two three four five six seven eight nine')).toBe(false);
    expect(isPlausibleAnalyteName('12.5')).toBe(false);
  });
});
