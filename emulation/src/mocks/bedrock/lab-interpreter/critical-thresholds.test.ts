import { describe, expect, it } from 'vitest';
import { criticalThresholdFor } from './critical-thresholds.ts';

describe('criticalThresholdFor', () => {
  it('knows the well-known panic values in their units', () => {
    expect(criticalThresholdFor('potassium', 'mmol/L')).toEqual({ below: 2.8, above: 6.2 });
    expect(criticalThresholdFor('potassium', 'mEq/L')).toEqual({ below: 2.8, above: 6.2 });
    expect(criticalThresholdFor('glucose', 'mg/dL')).toEqual({ below: 54, above: 400 });
    expect(criticalThresholdFor('sodium', 'mmol/L')).toEqual({ below: 120, above: 160 });
    expect(criticalThresholdFor('hemoglobin', 'g/dL')).toMatchObject({ below: 7 });
  });

  it('has none for other units or analytes', () => {
    expect(criticalThresholdFor('potassium', '')).toBeNull();
    expect(criticalThresholdFor('ldl', 'mg/dL')).toBeNull();
    expect(criticalThresholdFor(null, 'mmol/L')).toBeNull();
  });
});
