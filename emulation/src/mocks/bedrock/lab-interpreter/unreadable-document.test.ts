import { describe, expect, it } from 'vitest';
import { LabInterpretationSchema } from '#shared/interpretation/lab-interpretation.ts';
import { unreadableDocumentInterpretation } from './unreadable-document.ts';

describe('unreadableDocumentInterpretation', () => {
  it.each(['image', 'no_text', 'not_a_lab_report'] as const)('is valid, empty and low-confidence for %s', (reason) => {
    const interpretation = unreadableDocumentInterpretation(reason);
    expect(LabInterpretationSchema.parse(interpretation)).toEqual(interpretation);
    expect(interpretation.labValues).toEqual([]);
    expect(interpretation.documentDate).toBeNull();
    expect(interpretation.confidence).toBeLessThanOrEqual(0.2);
    expect(interpretation.summary).toMatch(/^We could not read/);
    expect(interpretation.advice).toMatch(/clinician/);
  });

  it('says why', () => {
    expect(unreadableDocumentInterpretation('image').summary).toContain('scanned image');
    expect(unreadableDocumentInterpretation('not_a_lab_report').summary).toContain('may not be a lab report');
  });
});
