import { describe, expect, it } from 'vitest';
import { LabInterpretationSchema } from '#shared/interpretation/lab-interpretation.ts';
import { MAX_PROBLEMS, problemPaths, validationProblems } from './validation-problems.ts';

function errorOf(input: unknown) {
  const parsed = LabInterpretationSchema.safeParse(input);
  if (parsed.success) throw new Error('expected a validation error');
  return parsed.error;
}

describe('validation problems', () => {
  it('gives one `path: message` line per issue and the distinct paths', () => {
    const error = errorOf({ title: 'CBC', documentDate: null, labValues: [{ name: 'Hb', value: 'x', unit: 'g/dL', referenceRange: null, flag: 'odd', explanation: 'e' }], summary: 's', confidence: 2, advice: 'a' });
    const lines = validationProblems(error);
    expect(lines.some((line) => line.startsWith('labValues.0.value: '))).toBe(true);
    expect(lines.some((line) => line.startsWith('labValues.0.flag: '))).toBe(true);
    expect(lines.some((line) => line.startsWith('confidence: '))).toBe(true);
    expect(problemPaths(error)).toEqual(expect.arrayContaining(['labValues.0.value', 'labValues.0.flag', 'confidence']));
  });

  it('names the root for a missing input and caps long lists', () => {
    expect(validationProblems(errorOf(undefined))).toEqual([expect.stringMatching(/^\(input\): /)]);
    const many = errorOf({ title: 'x', documentDate: null, summary: 's', confidence: 0.5, advice: 'a', labValues: Array.from({ length: 30 }, () => ({})) });
    const lines = validationProblems(many);
    expect(lines).toHaveLength(MAX_PROBLEMS + 1);
    expect(lines.at(-1)).toMatch(/^… and \d+ more problems$/);
  });
});
