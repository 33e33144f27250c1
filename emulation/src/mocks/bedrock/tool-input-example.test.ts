import { describe, expect, it } from 'vitest';
import { toolInputExample } from './tool-input-example.ts';

describe('toolInputExample', () => {
  it('fills required properties only, by type, enum, const and default', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 1 },
        kind: { const: 'forecast' },
        detailed: { type: 'boolean', default: true },
        tags: { type: 'array', items: { type: 'string' } },
        where: { type: 'object', properties: { lat: { type: 'number' } }, required: ['lat'] },
        optional: { type: 'string' },
      },
      required: ['city', 'unit', 'days', 'kind', 'detailed', 'tags', 'where'],
    };
    expect(toolInputExample(schema)).toEqual({ city: '', unit: 'celsius', days: 1, kind: 'forecast', detailed: true, tags: [], where: { lat: 0 } });
  });

  it('survives odd schemas', () => {
    expect(toolInputExample(undefined)).toBeNull();
    expect(toolInputExample({ anyOf: [{ type: 'string' }, { type: 'number' }] })).toBe('');
    expect(toolInputExample({ properties: { a: { type: 'number' } }, required: ['a'] })).toEqual({ a: 0 });
  });
});
