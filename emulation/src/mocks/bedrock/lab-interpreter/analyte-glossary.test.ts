import { describe, expect, it } from 'vitest';
import { analyteAbout, analyteDisplayName, analytesMentionedIn, identifyAnalyte, normaliseAnalyteName } from './analyte-glossary.ts';

describe('identifyAnalyte', () => {
  it.each([
    ['Hemoglobin', 'hemoglobin'],
    ['Haemoglobin', 'hemoglobin'],
    ['HGB', 'hemoglobin'],
    ['Hemoglobin A1c', 'hba1c'],
    ['Glucose, fasting', 'glucose'],
    ['P-Glucose', 'glucose'],
    ['LDL-C', 'ldl'],
    ['LDL Cholesterol (calc)', 'ldl'],
    ['HDL', 'hdl'],
    ['Non-HDL Cholesterol', 'non_hdl'],
    ['Total Cholesterol', 'total_cholesterol'],
    ['Alanine aminotransferase (ALT)', 'alt'],
    ['Urea nitrogen (BUN)', 'urea'],
    ['Vitamin D, 25-OH', 'vitamin_d'],
    ['25-Hydroxyvitamin D', 'vitamin_d'],
    ['Potassium, serum', 'potassium'],
    ['K+', 'potassium'],
    ['eGFR', 'egfr'],
    ['Platelet count', 'platelets'],
    ['White Blood Cells', 'wbc'],
    ['Anti-TPO', 'anti_tpo'],
    ['Carbon dioxide', 'bicarbonate'],
  ])('%s is %s', (name, key) => {
    expect(identifyAnalyte(name)).toBe(key);
  });

  it.each(['Mystery marker', 'Patient ID', 'Collected', ''])('does not know %j', (name) => {
    expect(identifyAnalyte(name)).toBeNull();
  });
});

describe('analytesMentionedIn', () => {
  it('finds analytes by alias, longest mention first, in question order', () => {
    expect(analytesMentionedIn('Why is my LDL cholesterol high?')).toEqual(['ldl']);
    expect(analytesMentionedIn('What about my cholesterol?')).toEqual(['total_cholesterol']);
    expect(analytesMentionedIn('Compare my potassium and my sodium')).toEqual(['potassium', 'sodium']);
    expect(analytesMentionedIn('What is hemoglobin A1c?')).toEqual(['hba1c']);
  });

  it('ignores one- and two-letter aliases, which are too often other words', () => {
    expect(analytesMentionedIn('Is my result ok, na?')).toEqual([]);
  });
});

describe('glossary sentences and names', () => {
  it('has a sentence per known analyte and a generic one', () => {
    expect(analyteAbout('hemoglobin')).toBe('Hemoglobin is the protein in red blood cells that carries oxygen around the body.');
    expect(analyteAbout(null)).toMatch(/^This is one of the measurements on your report/);
  });

  it('never words a sentence as a diagnosis', () => {
    for (const key of ['hemoglobin', 'glucose', 'hba1c', 'ldl', 'tsh', 'potassium', 'ferritin'] as const) {
      expect(analyteAbout(key)).not.toMatch(/\byou have\b|diabetes|anaemia|anemia|disease/i);
    }
  });

  it('names analytes for answers', () => {
    expect(analyteDisplayName('ferritin')).toBe('Ferritin');
    expect(analyteDisplayName('hba1c')).toBe('HbA1c');
  });

  it('normalises names for comparison', () => {
    expect(normaliseAnalyteName('Vitamin D (25-OH)')).toBe('vitamin d 25 oh');
    expect(normaliseAnalyteName('µg')).toBe('ug');
  });
});
