import { describe, expect, it } from 'vitest';
import { defaultRangeFor } from './default-ranges.ts';

describe('defaultRangeFor', () => {
  it('covers the common adult analytes in their usual units', () => {
    const keys = [
      ['hemoglobin', 'g/dL'],
      ['wbc', 'x10^9/L'],
      ['platelets', '10^3/uL'],
      ['glucose', 'mg/dL'],
      ['hba1c', '%'],
      ['total_cholesterol', 'mg/dL'],
      ['ldl', 'mmol/L'],
      ['hdl', 'mg/dL'],
      ['triglycerides', 'mg/dL'],
      ['creatinine', 'µmol/L'],
      ['egfr', 'mL/min/1.73 m2'],
      ['alt', 'U/L'],
      ['ast', 'IU/L'],
      ['tsh', 'mIU/L'],
      ['sodium', 'mEq/L'],
      ['potassium', 'mmol/L'],
      ['vitamin_d', 'ng/mL'],
      ['ferritin', 'ng/mL'],
    ] as const;
    for (const [analyte, unit] of keys) expect(defaultRangeFor(analyte, unit), `${analyte} in ${unit}`).not.toBeNull();
  });

  it('matches the unit, so a value in another unit gets no range', () => {
    expect(defaultRangeFor('glucose', 'mmol/L')).toMatchObject({ low: 3.9, high: 5.5 });
    expect(defaultRangeFor('glucose', '')).toBeNull();
    expect(defaultRangeFor('glucose', 'g/L')).toBeNull();
    expect(defaultRangeFor(null, 'mg/dL')).toBeNull();
  });
});
