/**
 * One model call's usage (what the Bedrock client reports) and the cost-table item made from it.
 *
 * The item follows ORIGINAL-DESIGN.md `storeLLMUsageRecord`: `userId`, `timestamp` (epoch ms),
 * `month` (`YYYY-MM`, UTC, the GSI key), `inputTokens`, `outputTokens`, `totalCost` (US cents,
 * fractional), `provider`, `modelId`, `documentType`, `processingTimeMs`, `ttl` (epoch seconds).
 * Added: `requestId` (to find the call in the logs) and the prompt-cache token counts, which
 * `totalCost` already prices. Never any prompt or answer text: the table holds no PHI.
 *
 * `timestamp` is the sort key, so two calls of one user in the same millisecond would overwrite
 * each other. It therefore carries a random thousandth of a millisecond (1,000 slots per ms;
 * doubles near today's epoch are 1/4096 ms apart, so each slot is a distinct number that prints
 * as exactly three decimals) and the write is conditional; on the rare collision the recorder
 * draws again (see cost-recorder.ts).
 *
 * @example
 * ```ts
 * const item = buildCostRecord(event, { nowMs: Date.now(), random: Math.random, ttlDays: 365 });
 * ```
 * @module
 */
import type { TokenCounts } from '../bedrock/cost.ts';
import type { LlmDocumentType } from '../bedrock/llm-call-context.ts';

/**
 * What one finished model call used and cost.
 *
 * @example
 * ```ts
 * const event: LlmUsageEvent = { userId: 'u-1', requestId: 'r-1', documentType: 'chat', provider: 'bedrock',
 *   modelId: 'eu.anthropic.claude-sonnet-4-6', usage, costCents: 1.49, processingTimeMs: 2_310 };
 * ```
 */
export interface LlmUsageEvent {
  userId: string;
  requestId: string;
  documentType: LlmDocumentType;
  provider: 'bedrock';
  modelId: string;
  usage: TokenCounts;
  /** US cents, unrounded. */
  costCents: number;
  processingTimeMs: number;
}

/**
 * The cost-table item.
 *
 * @example
 * ```ts
 * const { userId, timestamp, month, totalCost } = record; // 'u-1', 1764000000000.123, '2025-11', 0.99
 * ```
 */
export interface CostRecord {
  userId: string;
  /** Epoch milliseconds plus a random thousandth; unique per user with the conditional write. */
  timestamp: number;
  /** `YYYY-MM` of `timestamp`, UTC. */
  month: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  /** US cents, fractional. */
  totalCost: number;
  provider: 'bedrock';
  modelId: string;
  documentType: LlmDocumentType;
  processingTimeMs: number;
  requestId: string;
  /** Epoch seconds after which DynamoDB may delete the item. */
  ttl: number;
}

export interface CostRecordClock {
  nowMs: number;
  /** In [0, 1), like Math.random. */
  random: () => number;
  ttlDays: number;
}

/** `YYYY-MM` (UTC) of an epoch-milliseconds instant. */
export function monthOf(epochMs: number): string {
  return new Date(Math.floor(epochMs)).toISOString().slice(0, 7);
}

/**
 * The item for `event` at `clock.nowMs`.
 *
 * @example
 * ```ts
 * buildCostRecord(event, { nowMs: Date.UTC(2026, 10, 30), random: () => 0.5, ttlDays: 365 }).timestamp; // …000.5
 * ```
 */
export function buildCostRecord(event: LlmUsageEvent, clock: CostRecordClock): CostRecord {
  const nowMs = Math.floor(clock.nowMs);
  const thousandths = Math.min(999, Math.floor(clock.random() * 1_000));
  return {
    userId: event.userId,
    timestamp: nowMs + thousandths / 1_000,
    month: monthOf(nowMs),
    inputTokens: event.usage.inputTokens,
    outputTokens: event.usage.outputTokens,
    cacheReadInputTokens: event.usage.cacheReadInputTokens,
    cacheWriteInputTokens: event.usage.cacheWriteInputTokens,
    totalCost: event.costCents,
    provider: event.provider,
    modelId: event.modelId,
    documentType: event.documentType,
    processingTimeMs: event.processingTimeMs,
    requestId: event.requestId,
    ttl: Math.floor(nowMs / 1_000) + clock.ttlDays * 86_400,
  };
}
