import { describe, expect, it } from 'vitest';
import { anthropicModelName, defaultModelIds, ModelCatalogue } from './models.ts';

const catalogue = new ModelCatalogue(defaultModelIds());

describe('ModelCatalogue', () => {
  it.each([
    ['anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5-20251001', 64_000],
    ['eu.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5-20251001', 64_000],
    ['global.anthropic.claude-sonnet-4-6', 'claude-sonnet-4-6', 128_000],
    ['apac.anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku-20240307', 4_096],
    ['us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-20241022', 8_192],
    ['arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5-20251001', 64_000],
    ['arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-opus-4-6-v1', 'claude-opus-4-6', 128_000],
  ])('resolves %s', (id, name, maxOutputTokens) => {
    expect(catalogue.resolve(id)).toMatchObject({ requestedId: id, anthropicName: name, maxOutputTokens });
  });

  it.each([
    'amazon.nova-pro-v1:0',
    'eu.anthropic.claude-3-5-haiku-20241022-v1:0', // 3.5 Haiku has a us. profile only
    'anthropic.claude-haiku-4-5',
    'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123',
    'x'.repeat(2_049),
  ])('refuses %s with ValidationException', (id) => {
    expect(() => catalogue.resolve(id)).toThrow(expect.objectContaining({ type: 'ValidationException' }));
  });

  it('says what Bedrock says for an unknown id', () => {
    expect(() => catalogue.resolve('gpt-4o')).toThrow('The provided model identifier is invalid.');
  });

  it('serves a configured list instead of the default one', () => {
    const custom = new ModelCatalogue(['eu.anthropic.claude-future-9-v1:0']);
    expect(custom.resolve('eu.anthropic.claude-future-9-v1:0')).toMatchObject({ anthropicName: 'claude-future-9', maxOutputTokens: 64_000 });
    expect(() => custom.resolve('eu.anthropic.claude-sonnet-4-6')).toThrow('The provided model identifier is invalid.');
  });
});

describe('defaultModelIds', () => {
  it('holds base and profile forms of every model in BEDROCK.md §3.1', () => {
    const ids = defaultModelIds();
    expect(ids).toEqual(expect.arrayContaining(['anthropic.claude-sonnet-4-6', 'eu.anthropic.claude-sonnet-4-6', 'jp.anthropic.claude-sonnet-4-6']));
    expect(ids).toContain('apac.anthropic.claude-opus-4-6-v1');
    expect(ids).toContain('eu.anthropic.claude-opus-4-7');
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('anthropicModelName', () => {
  it('drops the provider and the version suffix', () => {
    expect(anthropicModelName('anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe('claude-3-7-sonnet-20250219');
    expect(anthropicModelName('anthropic.claude-sonnet-4-6')).toBe('claude-sonnet-4-6');
  });
});
