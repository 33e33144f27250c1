import { describe, expect, it } from 'vitest';
import type { ExportedLabValue, ExportedResult } from '../read-results.ts';
import { toFhirBundle, toObservation } from './lab-values-to-fhir-bundle.ts';
import { KNOWN_ANALYTE_COUNT, loincCodingOf, normaliseAnalyteName } from './loinc-codes.ts';
import { ucumCodeOf } from './ucum-units.ts';

const USER = '11111111-1111-4111-8111-111111111111';

function value(overrides: Partial<ExportedLabValue>): ExportedLabValue {
  return { id: '22222222-2222-4222-8222-222222222222', position: 0, name: 'Hemoglobin', value: 11.2, unit: 'g/dL', referenceRange: { low: 12, high: 15.5, text: '12.0-15.5' }, flag: 'low', explanation: 'Slightly low.', ...overrides };
}

function result(values: ExportedLabValue[], documentDate: string | null = null): ExportedResult {
  const interpretation = { title: 'CBC', documentDate, labValues: values, summary: 's', confidence: 0.9, advice: 'a' };
  return { id: '33333333-3333-4333-8333-333333333333', jobId: '44444444-4444-4444-8444-444444444444', title: 'CBC', documentDate, summary: 's', createdAt: '2026-11-03T10:00:00.000Z', interpretation, labValues: values };
}

describe('UCUM units', () => {
  it.each([
    ['mg/dL', 'mg/dL'],
    ['x10^9/L', '10*9/L'],
    ['10^3/uL', '10*3/uL'],
    ['µmol/L', 'umol/L'],
    ['mIU/L', 'm[IU]/L'],
    ['mL/min/1.73m2', 'mL/min/{1.73_m2}'],
    ['mL/min/1.73 m²', 'mL/min/{1.73_m2}'],
    ['%', '%'],
    ['fL', 'fL'],
  ])('%s → %s', (unit, code) => expect(ucumCodeOf(unit)).toBe(code));

  it('knows nothing of made-up units', () => expect(ucumCodeOf('furlongs/fortnight')).toBeUndefined());
});

describe('LOINC codes', () => {
  it('covers at least 25 analytes', () => expect(KNOWN_ANALYTE_COUNT).toBeGreaterThanOrEqual(25));

  it.each([
    ['Hemoglobin', 'g/dL', '718-7'],
    ['White Blood Cells', '10*9/L', '6690-2'],
    ['Platelets', '10*3/uL', '777-3'],
    ['Glucose', 'mg/dL', '2345-7'],
    ['HbA1c', '%', '4548-4'],
    ['LDL Cholesterol', 'mg/dL', '13457-7'],
    ['LDL Cholesterol (direct)', 'mg/dL', '18262-6'],
    ['Creatinine', 'umol/L', '14682-9'],
    ['TSH', 'm[IU]/L', '3016-3'],
    ['Free T4', 'ng/dL', '3024-7'],
    ['Vitamin D, 25-OH', 'ng/mL', '1989-3'],
    ['Vitamin B12', 'pg/mL', '2132-9'],
    ['ALT (SGPT)', 'U/L', '1742-6'],
  ])('%s in %s → %s', (name, unit, code) => expect(loincCodingOf(name, unit)?.code).toBe(code));

  it('gives no code for an unknown analyte, or a unit that does not fit the code', () => {
    expect(loincCodingOf('Anti-TPO', '[IU]/mL')).toBeUndefined();
    expect(loincCodingOf('Glucose', 'mmol/L')).toBeUndefined();
    expect(loincCodingOf('Glucose', undefined)).toBeUndefined();
  });

  it('normalises names', () => expect(normaliseAnalyteName('  Urea nitrogen (BUN) ')).toBe('urea nitrogen bun'));
});

describe('Observation', () => {
  it('maps flags to v3 interpretation codes, critical by direction', () => {
    const code = (v: Partial<ExportedLabValue>) => toObservation(USER, result([value(v)]), value(v)).interpretation?.[0]?.coding[0]?.code;
    expect(code({ flag: 'low' })).toBe('L');
    expect(code({ flag: 'normal', value: 13 })).toBe('N');
    expect(code({ flag: 'high', value: 16 })).toBe('H');
    expect(code({ flag: 'critical', value: 6 })).toBe('LL');
    expect(code({ flag: 'critical', value: 20 })).toBe('HH');
    expect(code({ flag: 'critical', referenceRange: null })).toBe('AA');
  });

  it('keeps an unknown unit without system or code, and omits the date when the report has none', () => {
    const v = value({ name: 'Mystery marker', unit: 'widgets', referenceRange: { low: null, high: 5, text: '<5' } });
    const observation = toObservation(USER, result([v]), v);
    expect(observation.code).toEqual({ text: 'Mystery marker' });
    expect(observation.valueQuantity).toEqual({ value: 11.2, unit: 'widgets' });
    expect(observation.referenceRange).toEqual([{ high: { value: 5, unit: 'widgets' }, text: '<5' }]);
    expect(observation.effectiveDateTime).toBeUndefined();
    expect(observation.issued).toBe('2026-11-03T10:00:00.000Z');
  });

  it('builds one entry per value', () => {
    const bundle = toFhirBundle(USER, [result([value({}), value({ id: '55555555-5555-4555-8555-555555555555' })], '2026-11-02')], new Date('2026-11-04T00:00:00Z'));
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-11-04T00:00:00.000Z' });
    expect(bundle.entry.map((e) => e.fullUrl)).toEqual(['urn:uuid:22222222-2222-4222-8222-222222222222', 'urn:uuid:55555555-5555-4555-8555-555555555555']);
  });
});
