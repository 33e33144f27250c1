import { describe, expect, it } from 'vitest';
import { DEFAULT_TITLE, findTitle } from './find-title.ts';

describe('findTitle', () => {
  it.each([
    ['Synthetic Lab (fictional)\nComplete Blood Count\nHemoglobin 11.2 g/dL 12.0-15.5', 'Complete Blood Count'],
    ['LIPID PANEL\nLDL 162 mg/dL <100', 'LIPID PANEL'],
    ['# Thyroid Function Tests\nTSH 2.1 mIU/L 0.4-4.0', 'Thyroid Function Tests'],
    ['=== Basic Metabolic Panel ===\nSodium 139 mmol/L 136-145', 'Basic Metabolic Panel'],
    ['Lipid Profile:\nLDL 162 mg/dL <100', 'Lipid Profile'],
  ])('finds the heading in %j', (text, title) => {
    expect(findTitle(text)).toBe(title);
  });

  it.each([
    'Hemoglobin 11.2 g/dL 12.0-15.5',
    'Panel: lipids, fasting\nLDL 162 mg/dL <100',
    'Please discuss these lipid panel results with the clinician who ordered the tests for you\nLDL 162 mg/dL <100',
    '',
  ])('falls back to "Lab results" for %j', (text) => {
    expect(findTitle(text)).toBe(DEFAULT_TITLE);
  });
});
