import { describe, expect, it } from 'vitest';
import * as labInterpreter from './index.ts';

describe('lab-interpreter public API', () => {
  it('exports what the Bedrock mock calls', () => {
    expect(Object.keys(labInterpreter).sort()).toEqual([
      'PdfUnreadableError',
      'answerChatQuestion',
      'estimateTokens',
      'extractPdfText',
      'interpretLabReport',
      'makeLabReportPdf',
      'unreadableDocumentInterpretation',
    ]);
  });

  it('goes from report text to PDF to interpretation to chat answer', async () => {
    const pdf = await labInterpreter.makeLabReportPdf('Lipid Panel\nCollected: 2026-11-02\nLDL Cholesterol 162 mg/dL <100\nHDL 38 mg/dL >40');
    const interpretation = labInterpreter.interpretLabReport(await labInterpreter.extractPdfText(pdf));
    expect(interpretation.labValues.map((value) => [value.name, value.flag])).toEqual([
      ['LDL Cholesterol', 'high'],
      ['HDL', 'low'],
    ]);
    expect(labInterpreter.answerChatQuestion({ context: JSON.stringify(interpretation), question: 'Is my HDL ok?' })).toContain('Your HDL result is 38 mg/dL');
  });
});
