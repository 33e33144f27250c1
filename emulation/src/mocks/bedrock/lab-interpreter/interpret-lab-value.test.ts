import { describe, expect, it } from 'vitest';
import { interpretLabValue } from './interpret-lab-value.ts';
import { parseLabLine } from './parse-lab-line.ts';

describe('interpretLabValue', () => {
  it('gives the contract value with its flag reasons', () => {
    const interpreted = interpretLabValue(parseLabLine('Hemoglobin 11.2 g/dL 12.0-15.5')!);
    expect(interpreted.analyte).toBe('hemoglobin');
    expect(interpreted.result).toMatchObject({ direction: 'below', basis: 'report', mild: true });
    expect(interpreted.labValue).toEqual({
      name: 'Hemoglobin',
      value: 11.2,
      unit: 'g/dL',
      referenceRange: { low: 12, high: 15.5, text: '12.0-15.5' },
      flag: 'low',
      explanation: expect.stringContaining('a little below the range the lab uses') as unknown,
    });
  });

  it('keeps a built-in range out of referenceRange: the lab did not print it', () => {
    const interpreted = interpretLabValue(parseLabLine('Ferritin 8 ng/mL')!);
    expect(interpreted.labValue).toMatchObject({ referenceRange: null, flag: 'low' });
    expect(interpreted.result.range).toMatchObject({ low: 15, high: 300 });
  });
});
