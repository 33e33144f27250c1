import { describe, expect, it } from 'vitest';
import { readLabReportFixture } from '../../../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { answerChatQuestion, NOT_MEDICAL_ADVICE } from './answer-chat.ts';
import { interpretLabReport } from './interpret-lab-report.ts';

const lipid = interpretLabReport(readLabReportFixture('lipid-panel-high-ldl-low-hdl'));
const lipidLines = lipid.labValues.map((value) => `${value.name}: ${value.value} ${value.unit} (reference ${value.referenceRange?.text ?? 'none'}) — ${value.flag}`).join('\n');
const lipidJson = JSON.stringify(lipid);
const metabolicJson = JSON.stringify(interpretLabReport(readLabReportFixture('metabolic-panel-critical-potassium')));
const thyroidJson = JSON.stringify(interpretLabReport(readLabReportFixture('thyroid-panel-normal')));

const wordCount = (text: string) => text.split(/\s+/).filter((word) => word !== '').length;

describe('answerChatQuestion', () => {
  it('explains a named analyte: value, range, flag and what it measures', () => {
    const answer = answerChatQuestion({ context: lipidLines, question: 'What does my LDL mean?' });
    expect(answer).toBe(
      "Your LDL Cholesterol result is 162 mg/dL against the lab's range of <100 mg/dL, so it is flagged as high: above the range. " +
        "LDL cholesterol is often called 'bad' cholesterol because it can build up in the walls of blood vessels. " +
        'A result outside the range does not on its own mean something is wrong; your clinician can tell you what it means for you and whether anything needs to be done. ' +
        NOT_MEDICAL_ADVICE,
    );
  });

  it('answers the same from JSON as from text lines', () => {
    expect(answerChatQuestion({ context: lipidJson, question: 'What does my LDL mean?' })).toBe(answerChatQuestion({ context: lipidLines, question: 'What does my LDL mean?' }));
  });

  it('explains several named analytes briefly, with urgency for a critical one', () => {
    const answer = answerChatQuestion({ context: metabolicJson, question: 'Tell me about my potassium and sodium' });
    expect(answer).toContain('Sodium: 139 mmol/L (lab range 136 - 145 mmol/L), within the range.');
    expect(answer).toContain('Potassium: 6.8 mmol/L (lab range 3.5 - 5.1 mmol/L), well above the range (critical).');
    expect(answer).toContain('please contact your clinician promptly');
  });

  it('lists the flagged values for a general question about what is abnormal', () => {
    const answer = answerChatQuestion({ context: lipidJson, question: 'What is abnormal?' });
    expect(answer).toMatch(/^3 of 5 values in your results are outside the reference range: /);
    expect(answer).toContain('LDL Cholesterol: 162 mg/dL (lab range <100 mg/dL), above the range');
    expect(answer).toContain('HDL: 38 mg/dL (lab range >40 mg/dL), a little below the range');
    expect(answer).toContain('Non-HDL Cholesterol: 160 mg/dL (lab range <130 mg/dL), above the range');
    expect(answer).not.toContain('Triglycerides');
  });

  it('says when everything is within range, and urges contact for a critical value', () => {
    expect(answerChatQuestion({ context: thyroidJson, question: 'Is everything normal?' })).toMatch(/^All 4 values in your results are within the lab's reference ranges: TSH, Free T4, Free T3, Anti-TPO\./);
    expect(answerChatQuestion({ context: metabolicJson, question: 'Is anything wrong?' })).toContain('Potassium is far outside the range, so please contact your clinician promptly.');
  });

  it.each(['Do I have heart disease?', 'Am I diabetic?', 'Can you diagnose me?', 'Should I take statins for my LDL cholesterol?', 'What medication lowers cholesterol?', 'What dose of vitamin D should I use?'])(
    'declines a diagnosis or medication question: %s',
    (question) => {
      const answer = answerChatQuestion({ context: lipidJson, question });
      expect(answer).toMatch(/^I can't tell you whether you have a medical condition or which medicine or treatment is right for you/);
      expect(answer).toContain('your clinician');
      expect(answer).not.toMatch(/\byou (?:do|don't) have\b|you should take/i);
    },
  );

  it('gives the facts it has when declining about a named analyte', () => {
    expect(answerChatQuestion({ context: lipidJson, question: 'Should I take statins for my LDL cholesterol?' })).toContain(
      'For reference, your results show LDL Cholesterol: 162 mg/dL (lab range <100 mg/dL), above the range.',
    );
  });

  it('answers other questions with a short overview of the results', () => {
    const answer = answerChatQuestion({ context: lipidJson, question: 'How often should I get tested?' });
    expect(answer).toMatch(/^Your results include 5 values: Total Cholesterol, LDL Cholesterol, HDL, Triglycerides, Non-HDL Cholesterol\. 3 are outside the reference range/);
  });

  it('says when the results do not include the analyte asked about', () => {
    expect(answerChatQuestion({ context: lipidJson, question: 'What about my ferritin?' })).toMatch(/^Your results do not include Ferritin\. The values they do include are Total Cholesterol/);
  });

  it('says when the context holds no values', () => {
    expect(answerChatQuestion({ context: '', question: 'What is abnormal?' })).toMatch(/^I could not find any lab values/);
  });

  it('always ends with the not-medical-advice reminder, stays 40-120 words, and is deterministic', () => {
    const questions = ['What does my LDL mean?', 'What is abnormal?', 'Do I have heart disease?', 'How often should I get tested?', 'What about my ferritin?', 'Tell me about HDL, LDL and triglycerides'];
    for (const context of [lipidJson, lipidLines, metabolicJson, thyroidJson, '']) {
      for (const question of questions) {
        const answer = answerChatQuestion({ context, question });
        expect(answer.endsWith(NOT_MEDICAL_ADVICE), answer).toBe(true);
        expect(wordCount(answer), answer).toBeGreaterThanOrEqual(40);
        expect(wordCount(answer), answer).toBeLessThanOrEqual(120);
        expect(answerChatQuestion({ context, question })).toBe(answer);
      }
    }
  });
});
