/**
 * Which Claude models the services call on Amazon Bedrock, how many tokens they may produce,
 * and how long one call may take.
 *
 * Defaults (docs/BEDROCK.md §3.1–§3.2): EU geographic inference profiles of the 4.5/4.6
 * generation, since newer models are moving off Converse (§1.3) and invoking a base id on
 * demand fails for 3.7 and later ("…on-demand throughput isn't supported… use an inference
 * profile"). Documents use Haiku 4.5, whose typical lab report (≈3,000 input + ≈1,200 output
 * tokens) costs just under one US cent; Sonnet 4.6 would cost about three cents, so it serves
 * chat only. A model id must be in the price table, so that no call is ever tracked at $0.
 *
 * @example
 * ```ts
 * const { documentModelId, timeoutMs } = bedrockConfig();
 * readBedrockConfig({ BEDROCK_CHAT_MODEL_ID: 'nope' }); // throws ConfigError naming BEDROCK_CHAT_MODEL_ID
 * ```
 * @module
 */
import { z } from 'zod';
import { isPricedModel } from '../bedrock/price-table.ts';
import { loadConfig, once, type Environment } from './load-config.ts';

/** Haiku 4.5 through the EU profile: $1.10 / $5.50 per 1M tokens (BEDROCK.md §3.1). */
export const DEFAULT_DOCUMENT_MODEL_ID = 'eu.anthropic.claude-haiku-4-5-20251001-v1:0';
/** Sonnet 4.6 through the EU profile: $3.30 / $16.50 per 1M tokens (BEDROCK.md §3.1). */
export const DEFAULT_CHAT_MODEL_ID = 'eu.anthropic.claude-sonnet-4-6';

const modelId = z
  .string()
  .refine(isPricedModel, 'must be a Claude model id or inference profile listed in services/shared/src/bedrock/price-table.ts');

const schema = z
  .object({
    BEDROCK_DOCUMENT_MODEL_ID: modelId.default(DEFAULT_DOCUMENT_MODEL_ID),
    BEDROCK_CHAT_MODEL_ID: modelId.default(DEFAULT_CHAT_MODEL_ID),
    // Output tokens dominate the price (5× the input price), so these are caps as well as
    // defaults. 4,096 fits a full blood panel's interpretation; a chat answer stays short.
    BEDROCK_MAX_OUTPUT_TOKENS_DOCUMENT: z.coerce.number().int().min(1).max(128_000).default(4_096),
    BEDROCK_MAX_OUTPUT_TOKENS_CHAT: z.coerce.number().int().min(1).max(128_000).default(1_024),
    // Upper bound of one logical call (SDK retries included). The Lambda's remaining time
    // lowers it further; 120 s leaves the 180 s processor room to validate and store.
    BEDROCK_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(900_000).default(120_000),
    // Kept back from the Lambda's remaining time: the cost write, the response and, in the
    // processor, the database writes still have to happen after the model answered.
    BEDROCK_DEADLINE_MARGIN_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
    // A budget below this is not worth spending: the call fails fast instead of timing out.
    BEDROCK_MIN_CALL_MS: z.coerce.number().int().min(1).max(60_000).default(1_000),
  })
  .transform((env) => ({
    documentModelId: env.BEDROCK_DOCUMENT_MODEL_ID,
    chatModelId: env.BEDROCK_CHAT_MODEL_ID,
    maxOutputTokensDocument: env.BEDROCK_MAX_OUTPUT_TOKENS_DOCUMENT,
    maxOutputTokensChat: env.BEDROCK_MAX_OUTPUT_TOKENS_CHAT,
    timeoutMs: env.BEDROCK_TIMEOUT_MS,
    deadlineMarginMs: env.BEDROCK_DEADLINE_MARGIN_MS,
    minCallMs: env.BEDROCK_MIN_CALL_MS,
  }));

export type BedrockConfig = z.output<typeof schema>;

/**
 * Reads and validates the Bedrock settings from `env` (default: `process.env`).
 *
 * @example
 * ```ts
 * readBedrockConfig({}).documentModelId; // 'eu.anthropic.claude-haiku-4-5-20251001-v1:0'
 * ```
 */
export function readBedrockConfig(env?: Environment): BedrockConfig {
  return loadConfig('Bedrock', schema, env);
}

/** The process's Bedrock settings, read once. */
export const bedrockConfig = once(() => readBedrockConfig());
