import { describe, expect, it } from 'vitest';
import { describePosition, explainValue, formatMeasurement } from './explain-value.ts';
import { flagValue } from './flag-value.ts';
import { findReferenceRange } from './reference-range.ts';

const explain = (analyte: Parameters<typeof flagValue>[0]['analyte'], value: number, unit: string, range: string | null) =>
  explainValue({ analyte, value, unit, result: flagValue({ analyte, value, unit, range: range === null ? null : findReferenceRange(range) }) });

describe('explainValue', () => {
  it('says what the analyte measures and where the value lies', () => {
    expect(explain('hemoglobin', 11.2, 'g/dL', '12.0-15.5')).toBe(
      'Hemoglobin is the protein in red blood cells that carries oxygen around the body. ' +
        'Your result of 11.2 g/dL is a little below the range the lab uses (12.0-15.5 g/dL). ' +
        'A result outside the range does not on its own mean something is wrong; your clinician can tell you what it means for you.',
    );
  });

  it('words each flag', () => {
    expect(explain('tsh', 2.1, 'mIU/L', '0.4-4.0')).toContain('is within the range the lab uses (0.4-4.0 mIU/L).');
    expect(explain('ldl', 162, 'mg/dL', '<100')).toContain('is above the range the lab uses (<100 mg/dL)');
    expect(explain('potassium', 6.8, 'mmol/L', '3.5-5.1')).toContain('is well above the range the lab uses (3.5-5.1 mmol/L) — please contact your clinician promptly.');
  });

  it('says when a built-in range was used, or none', () => {
    expect(explain('ferritin', 8, 'ng/mL', null)).toContain(
      "The report prints no reference range for it, so it is compared with a typical adult range (15-300 ng/mL; your lab's own range may differ): your result of 8 ng/mL is below that range.",
    );
    expect(explain('vitamin_b12', 410, 'pg/mL', null)).toContain('Your result is 410 pg/mL. The report prints no reference range for it');
  });

  it('uses the generic sentence for an unknown analyte', () => {
    expect(explain(null, 3, 'U/mL', '0-5')).toMatch(/^This is one of the measurements on your report/);
  });

  it('never diagnoses', () => {
    for (const text of [explain('glucose', 182, 'mg/dL', '70-99'), explain('hba1c', 7.2, '%', '4.0-5.6'), explain('hemoglobin', 6.5, 'g/dL', '12-15.5')]) {
      expect(text).not.toMatch(/\byou have\b|diabetes|anaemia|anemia|disease/i);
    }
  });

  it('shows a printed comparator with the value', () => {
    const result = flagValue({ analyte: 'egfr', value: 90, valuePrefix: '>', unit: 'mL/min/1.73m2', range: findReferenceRange('>=60') });
    expect(explainValue({ analyte: 'egfr', value: 90, valuePrefix: '>', unit: 'mL/min/1.73m2', result })).toContain('Your result of >90 mL/min/1.73m2 is within');
  });
});

describe('helpers', () => {
  it('format a measurement', () => {
    expect(formatMeasurement(11.2, 'g/dL')).toBe('11.2 g/dL');
    expect(formatMeasurement(6.1, '%')).toBe('6.1%');
    expect(formatMeasurement(1.2, '')).toBe('1.2');
  });

  it('describe a position', () => {
    expect(describePosition({ flag: 'low', direction: 'below', mild: true })).toBe('a little below');
    expect(describePosition({ flag: 'high', direction: 'above', mild: false })).toBe('above');
    expect(describePosition({ flag: 'critical', direction: 'below', mild: false })).toBe('well below');
    expect(describePosition({ flag: 'normal', direction: 'within', mild: false })).toBe('within');
  });
});
