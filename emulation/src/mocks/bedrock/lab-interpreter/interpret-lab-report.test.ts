import { describe, expect, it } from 'vitest';
import { LabInterpretationSchema, type LabInterpretation, type LabValue } from '#shared/interpretation/lab-interpretation.ts';
import { EXPECTED_FLAGS } from '../../../../../e2e/fixtures/lab-reports/expected-flags.ts';
import { LAB_REPORT_FIXTURES, readLabReportFixture } from '../../../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { interpretLabReport } from './interpret-lab-report.ts';
import { unreadableDocumentInterpretation } from './unreadable-document.ts';

const byName = (interpretation: LabInterpretation): Record<string, LabValue> => Object.fromEntries(interpretation.labValues.map((value) => [value.name, value]));
const flags = (interpretation: LabInterpretation): Record<string, string> => Object.fromEntries(interpretation.labValues.map((value) => [value.name, value.flag]));

describe.each(LAB_REPORT_FIXTURES)('fixture %s', (fixture) => {
  const text = readLabReportFixture(fixture);

  it('is valid against the contract', () => {
    const interpretation = interpretLabReport(text);
    expect(LabInterpretationSchema.parse(interpretation)).toEqual(interpretation);
  });

  it('is deterministic', () => {
    expect(interpretLabReport(text)).toEqual(interpretLabReport(text));
  });

  it('never diagnoses', () => {
    const interpretation = interpretLabReport(text);
    const words = [interpretation.summary, interpretation.advice, ...interpretation.labValues.map((value) => value.explanation)].join(' ');
    expect(words).not.toMatch(/\byou have\b|diabetes|anaemia|anemia|hypothyroidism|disease/i);
  });
});

describe('interpretLabReport on the fixtures', () => {
  it('reads the CBC table (tab-separated, header row, blank flag column) with one low value', () => {
    const interpretation = interpretLabReport(readLabReportFixture('cbc-one-low'));
    expect(interpretation.title).toBe('Complete Blood Count');
    expect(interpretation.documentDate).toBe('2026-11-02');
    expect(interpretation.confidence).toBe(0.9);
    expect(flags(interpretation)).toEqual(EXPECTED_FLAGS['cbc-one-low']);
    const values = byName(interpretation);
    expect(values['Hemoglobin']).toMatchObject({ value: 11.2, unit: 'g/dL', referenceRange: { low: 12, high: 15.5, text: '12.0-15.5' } });
    expect(values['Hemoglobin']?.explanation).toContain('a little below the range the lab uses');
    expect(values['White Blood Cells']).toMatchObject({ value: 6.4, unit: 'x10^9/L', referenceRange: { low: 4, high: 11, text: '4.0-11.0' } });
    expect(values['Platelets']).toMatchObject({ value: 265, unit: 'x10^9/L', referenceRange: { low: 150, high: 400, text: '150-400' } });
    expect(interpretation.summary).toBe("1 of 9 values is outside the lab's reference range: Hemoglobin (low).");
  });

  it('reads the lipid panel: high LDL, low HDL, one-sided ranges', () => {
    const interpretation = interpretLabReport(readLabReportFixture('lipid-panel-high-ldl-low-hdl'));
    expect(interpretation.title).toBe('Lipid Panel');
    // "Collected: November 2, 2026", not the birth date or the report date.
    expect(interpretation.documentDate).toBe('2026-11-02');
    expect(flags(interpretation)).toEqual(EXPECTED_FLAGS['lipid-panel-high-ldl-low-hdl']);
    const values = byName(interpretation);
    expect(values['LDL Cholesterol']).toMatchObject({ value: 162, unit: 'mg/dL', referenceRange: { low: null, high: 100, text: '<100' } });
    expect(values['HDL']).toMatchObject({ value: 38, unit: 'mg/dL', referenceRange: { low: 40, high: null, text: '>40' } });
    expect(values['Total Cholesterol']).toMatchObject({ value: 198, referenceRange: { low: null, high: 200, text: '<200' } });
    expect(interpretation.summary).toBe("3 of 5 values are outside the lab's reference range: LDL Cholesterol (high), HDL (low), Non-HDL Cholesterol (high).");
    expect(interpretation.advice).not.toMatch(/urgent/);
  });

  it('reads the metabolic panel (colon layout, bracketed ranges) with a critical potassium', () => {
    const interpretation = interpretLabReport(readLabReportFixture('metabolic-panel-critical-potassium'));
    expect(interpretation.title).toBe('Basic Metabolic Panel');
    expect(interpretation.documentDate).toBe('2026-11-02');
    expect(flags(interpretation)).toEqual(EXPECTED_FLAGS['metabolic-panel-critical-potassium']);
    const values = byName(interpretation);
    expect(values['Potassium']).toMatchObject({ value: 6.8, unit: 'mmol/L', referenceRange: { low: 3.5, high: 5.1, text: '3.5 - 5.1' } });
    expect(values['Potassium']?.explanation).toContain('well above the range the lab uses (3.5 - 5.1 mmol/L) — please contact your clinician promptly');
    expect(values['Glucose, fasting']).toMatchObject({ value: 182, unit: 'mg/dL', referenceRange: { low: 70, high: 99, text: '70 - 99' } });
    expect(values['eGFR']).toMatchObject({ value: 90, unit: 'mL/min/1.73m2', referenceRange: { low: 60, high: null, text: '>=60' } });
    expect(interpretation.summary).toBe("2 of 9 values are outside the lab's reference range: Glucose, fasting (high); Potassium (high). 1 is critical: Potassium.");
    expect(interpretation.advice).toMatch(/urgent care/);
  });

  it('reads the thyroid panel (space-aligned table, decimal commas), all normal', () => {
    const interpretation = interpretLabReport(readLabReportFixture('thyroid-panel-normal'));
    expect(interpretation.title).toBe('Thyroid Function Tests');
    expect(interpretation.documentDate).toBe('2026-11-02');
    expect(flags(interpretation)).toEqual(EXPECTED_FLAGS['thyroid-panel-normal']);
    const values = byName(interpretation);
    expect(values['TSH']).toMatchObject({ value: 2.1, unit: 'mIU/L', referenceRange: { low: 0.4, high: 4, text: '0,4 – 4,0' } });
    expect(values['Free T4']).toMatchObject({ value: 15.2, unit: 'pmol/L', referenceRange: { low: 12, high: 22 } });
    expect(values['Anti-TPO']).toMatchObject({ value: 12, unit: 'IU/mL', referenceRange: { low: null, high: 34, text: '<34' } });
    expect(interpretation.summary).toBe("All 4 values are within the lab's reference ranges.");
    expect(interpretation.confidence).toBe(0.9);
  });

  it('reads a report without ranges against the built-in table, with lower confidence', () => {
    const interpretation = interpretLabReport(readLabReportFixture('vitamins-no-ranges'));
    expect(interpretation.title).toBe('Vitamins and Iron Studies');
    expect(interpretation.documentDate).toBe('2026-11-05');
    expect(flags(interpretation)).toEqual(EXPECTED_FLAGS['vitamins-no-ranges']);
    expect(interpretation.labValues.every((value) => value.referenceRange === null)).toBe(true);
    expect(byName(interpretation)['Ferritin']?.explanation).toContain('The report prints no reference range for it, so it is compared with a typical adult range (15-300 ng/mL');
    expect(interpretation.confidence).toBe(0.7);
    expect(interpretation.summary).toContain('a typical adult range was used');
  });
});

describe('interpretLabReport on other text', () => {
  it('answers "not a lab report" when there are no analyte lines', () => {
    const letter = 'Dear Test Patient,\nYour appointment is on 2 Nov 2026 at 10:30.\nPlease arrive 15 minutes early.';
    expect(interpretLabReport(letter)).toEqual(unreadableDocumentInterpretation('not_a_lab_report'));
    expect(interpretLabReport('')).toEqual(unreadableDocumentInterpretation('not_a_lab_report'));
  });

  it('falls back to "Lab results" and a null date, with lower confidence for few values', () => {
    const interpretation = interpretLabReport('Hemoglobin 11.2 g/dL 12.0-15.5');
    expect(interpretation).toMatchObject({ title: 'Lab results', documentDate: null, confidence: 0.6 });
  });

  it('flags a critical value by the ratio rule and advises urgent care', () => {
    const interpretation = interpretLabReport('Liver Panel\nALT 250 U/L 7-56\nAST 30 U/L 10-40\nALP 80 U/L 40-129');
    expect(interpretation.labValues.map((value) => value.flag)).toEqual(['critical', 'normal', 'normal']);
    expect(interpretation.summary).toContain('1 is critical: ALT.');
    expect(interpretation.advice).toMatch(/promptly.*urgent care/);
  });
});
