import { describe, expect, it } from 'vitest';
import { readLabReportFixture } from '../../../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { interpretLabReport } from './interpret-lab-report.ts';
import { readChatContext } from './read-chat-context.ts';

const summary = (context: string) => readChatContext(context).map((value) => [value.name, value.value, value.unit, value.range?.text ?? null, value.flag]);

describe('readChatContext', () => {
  const interpretation = interpretLabReport(readLabReportFixture('lipid-panel-high-ldl-low-hdl'));
  const expected = [
    ['Total Cholesterol', 198, 'mg/dL', '<200', 'normal'],
    ['LDL Cholesterol', 162, 'mg/dL', '<100', 'high'],
    ['HDL', 38, 'mg/dL', '>40', 'low'],
    ['Triglycerides', 142, 'mg/dL', '<150', 'normal'],
    ['Non-HDL Cholesterol', 160, 'mg/dL', '<130', 'high'],
  ];

  it('reads a LabInterpretation as JSON, or one nested in an object, or a bare array', () => {
    expect(summary(JSON.stringify(interpretation))).toEqual(expected);
    expect(summary(JSON.stringify({ interpretation }))).toEqual(expected);
    expect(summary(JSON.stringify(interpretation.labValues))).toEqual(expected);
  });

  it('reads text lines with a stated flag', () => {
    const lines = interpretation.labValues.map((value) => `${value.name}: ${value.value} ${value.unit} (reference ${value.referenceRange?.text ?? 'none'}) — ${value.flag}`).join('\n');
    expect(summary(`Lipid Panel (2026-11-02)\n${lines}\nSummary: 3 of 5 values are outside the range.`)).toEqual(expected);
  });

  it('prefers a stated flag and computes one when none is stated', () => {
    expect(readChatContext('Hemoglobin: 11.2 g/dL (reference 12.0-15.5)')[0]).toMatchObject({ flag: 'low', analyte: 'hemoglobin' });
    expect(readChatContext('Hemoglobin: 11.2 g/dL (reference 12.0-15.5) — normal')[0]).toMatchObject({ flag: 'normal', result: { direction: 'within' } });
    expect(readChatContext(JSON.stringify([{ name: 'Potassium', value: 6.8, unit: 'mmol/L', referenceRange: null }]))[0]).toMatchObject({ flag: 'critical' });
  });

  it('skips malformed JSON items and reads non-JSON braces as text', () => {
    expect(readChatContext(JSON.stringify({ labValues: [{ name: 'x' }, { name: 'HDL', value: 38, unit: 'mg/dL' }] })).map((value) => value.name)).toEqual(['HDL']);
    expect(readChatContext('{not json\nHDL 38 mg/dL >40').map((value) => value.name)).toEqual(['HDL']);
    expect(readChatContext('')).toEqual([]);
  });
});
