import { describe, expect, it } from 'vitest';
import { MAX_SUMMARY_LENGTH, summariseValues, type SummarisedValue } from './summarise-values.ts';

const value = (name: string, flag: SummarisedValue['flag'], direction: SummarisedValue['direction'], basis: SummarisedValue['basis'] = 'report'): SummarisedValue => ({
  name,
  flag,
  direction,
  basis,
});

describe('summariseValues', () => {
  it('counts and names the values outside the range, and the critical ones', () => {
    const values = [
      value('LDL Cholesterol', 'high', 'above'),
      value('HDL', 'low', 'below'),
      value('Glucose', 'high', 'above'),
      value('Potassium', 'critical', 'above'),
      ...Array.from({ length: 8 }, (_, index) => value(`Normal ${index}`, 'normal', 'within')),
    ];
    expect(summariseValues(values)).toBe(
      "4 of 12 values are outside the lab's reference range: LDL Cholesterol (high), HDL (low), Glucose (high), Potassium (high). 1 is critical: Potassium.",
    );
  });

  it('says when everything is within range', () => {
    expect(summariseValues([value('TSH', 'normal', 'within'), value('Free T4', 'normal', 'within')])).toBe("All 2 values are within the lab's reference ranges.");
    expect(summariseValues([value('TSH', 'normal', 'within')])).toBe("The 1 value read is within the lab's reference range.");
  });

  it('says which values were read against a built-in range or none', () => {
    expect(summariseValues([value('Ferritin', 'low', 'below', 'default'), value('Vitamin B12', 'normal', 'within', 'none')])).toBe(
      '1 of 2 values is outside the reference range: Ferritin (low). For 1 value the report printed no range, so a typical adult range was used: Ferritin. ' +
        '1 value had no reference range to compare with: Vitamin B12.',
    );
  });

  it('separates names that contain commas with semicolons, and shortens long lists', () => {
    expect(summariseValues([value('Glucose, fasting', 'high', 'above'), value('HDL', 'low', 'below')])).toContain('Glucose, fasting (high); HDL (low).');
    const many = Array.from({ length: 25 }, (_, index) => value(`V${index}`, 'high', 'above'));
    expect(summariseValues(many)).toContain('V19 (high) and 5 more.');
  });

  it('stays within the contract limit even for 200 long names', () => {
    const values = Array.from({ length: 200 }, (_, index) => value(`${'Very long analyte name '.repeat(3)}${index}`, 'critical', 'above', 'default'));
    expect(summariseValues(values).length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
  });
});
