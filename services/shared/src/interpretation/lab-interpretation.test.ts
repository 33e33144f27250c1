import { describe, expect, it } from 'vitest';
import { LAB_INTERPRETATION_TOOL, LabInterpretationSchema } from './lab-interpretation.ts';

const valid = {
  title: 'Complete blood count',
  documentDate: '2026-11-02',
  labValues: [{ name: 'Hemoglobin', value: 11.2, unit: 'g/dL', referenceRange: { low: 12, high: 15.5, text: '12.0-15.5' }, flag: 'low', explanation: 'Slightly below the usual range.' }],
  summary: 'One value is slightly low.',
  confidence: 0.9,
  advice: 'Discuss these results with your clinician.',
};

describe('LabInterpretationSchema', () => {
  it('accepts a complete interpretation', () => {
    expect(LabInterpretationSchema.parse(valid)).toEqual(valid);
  });

  it('rejects an unknown flag, a bad date and a missing advice', () => {
    const result = LabInterpretationSchema.safeParse({ ...valid, documentDate: '02/11/2026', advice: undefined, labValues: [{ ...valid.labValues[0], flag: 'borderline' }] });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['advice', 'documentDate', 'labValues.0.flag']);
  });

  it('offers the same schema to the model as a tool input schema', () => {
    const schema = LAB_INTERPRETATION_TOOL.inputSchema as { type: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(schema.required.sort()).toEqual(['advice', 'confidence', 'documentDate', 'labValues', 'summary', 'title']);
  });
});
