// Tests of services/shared/src/config/bedrock-config.ts, kept beside the Bedrock code they configure.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_MODEL_ID, DEFAULT_DOCUMENT_MODEL_ID, readBedrockConfig } from '../config/bedrock-config.ts';
import { ConfigError } from '../config/load-config.ts';

describe('Bedrock configuration', () => {
  it('defaults to the EU profiles of Haiku 4.5 (documents) and Sonnet 4.6 (chat)', () => {
    expect(readBedrockConfig({})).toEqual({
      documentModelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
      chatModelId: 'eu.anthropic.claude-sonnet-4-6',
      maxOutputTokensDocument: 4_096,
      maxOutputTokensChat: 1_024,
      timeoutMs: 120_000,
      deadlineMarginMs: 2_000,
      minCallMs: 1_000,
    });
    expect(DEFAULT_DOCUMENT_MODEL_ID.startsWith('eu.')).toBe(true);
    expect(DEFAULT_CHAT_MODEL_ID.startsWith('eu.')).toBe(true);
  });

  it('takes other priced models, ARNs included', () => {
    const config = readBedrockConfig({
      BEDROCK_DOCUMENT_MODEL_ID: 'global.anthropic.claude-haiku-4-5-20251001-v1:0',
      BEDROCK_CHAT_MODEL_ID: 'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
      BEDROCK_TIMEOUT_MS: '25000',
    });
    expect(config).toMatchObject({ documentModelId: 'global.anthropic.claude-haiku-4-5-20251001-v1:0', timeoutMs: 25_000 });
  });

  it('fails fast naming every bad variable, including a model the price table does not know', () => {
    try {
      readBedrockConfig({ BEDROCK_CHAT_MODEL_ID: 'eu.anthropic.claude-sonnet-9', BEDROCK_TIMEOUT_MS: '10', BEDROCK_MAX_OUTPUT_TOKENS_CHAT: 'many' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const variables = (error as ConfigError).issues.map((issue) => issue.variable).sort();
      expect(variables).toEqual(['BEDROCK_CHAT_MODEL_ID', 'BEDROCK_MAX_OUTPUT_TOKENS_CHAT', 'BEDROCK_TIMEOUT_MS']);
      expect((error as ConfigError).message).toMatch(/BEDROCK_CHAT_MODEL_ID: must be a Claude model id/);
    }
  });

  it('refuses application inference profiles, whose model (and so price) is unknown', () => {
    expect(() => readBedrockConfig({ BEDROCK_DOCUMENT_MODEL_ID: 'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/x1' })).toThrow(
      /BEDROCK_DOCUMENT_MODEL_ID/,
    );
  });
});
