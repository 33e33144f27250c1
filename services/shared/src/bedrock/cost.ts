/**
 * What one Bedrock call cost, in US cents, from the token counts in the response's `usage`.
 *
 * The formula is BEDROCK.md §3.2:
 * `usd = (input × pIn + output × pOut + cacheWrite × pCacheWrite + cacheRead × pCacheRead) / 1e6`,
 * cents = usd × 100. Converse's `inputTokens` excludes cache reads and writes, which it reports
 * separately, so the four counts never overlap. A call costs a fraction of a cent, so cents stay
 * fractional here: rounding per call would make a month of calls sum to nonsense.
 *
 * @example
 * ```ts
 * const cents = costInCents(usageFromBedrock(response.usage), priceFor(modelId)!); // e.g. 0.99
 * ```
 * @module
 */
import type { TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { ModelPrice } from './price-table.ts';

/** Token counts of one call, normalised from Bedrock's `usage` (absent counts are 0). */
export interface TokenCounts {
  /** Uncached input tokens (excludes cache reads and writes). */
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  /** All cache writes, whatever their TTL. */
  cacheWriteInputTokens: number;
  /** The part of `cacheWriteInputTokens` written with the 1-hour TTL (priced 2× input, not 1.25×). */
  cacheWrite1hInputTokens: number;
}

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Normalises a Converse / ConverseStream `usage` object. `cacheDetails` splits cache writes by
 * TTL (BEDROCK.md §3.2); without it every write is priced as a 5-minute write.
 *
 * @example
 * ```ts
 * usageFromBedrock({ inputTokens: 3000, outputTokens: 1200, totalTokens: 4200 });
 * // { inputTokens: 3000, outputTokens: 1200, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 }
 * ```
 */
export function usageFromBedrock(usage: TokenUsage | undefined): TokenCounts {
  const cacheWriteInputTokens = count(usage?.cacheWriteInputTokens);
  const oneHour = (usage?.cacheDetails ?? []).filter((detail) => detail.ttl === '1h').reduce((sum, detail) => sum + count(detail.inputTokens), 0);
  return {
    inputTokens: count(usage?.inputTokens),
    outputTokens: count(usage?.outputTokens),
    cacheReadInputTokens: count(usage?.cacheReadInputTokens),
    cacheWriteInputTokens,
    cacheWrite1hInputTokens: Math.min(oneHour, cacheWriteInputTokens),
  };
}

/**
 * The cost of `usage` at `price`, in US cents, unrounded.
 *
 * @example
 * ```ts
 * // Haiku 4.5 through eu.: 3,000 × $1.10 + 1,200 × $5.50 per 1M = $0.0099
 * costInCents({ inputTokens: 3000, outputTokens: 1200, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 }, price); // 0.99
 * ```
 */
export function costInCents(usage: TokenCounts, price: ModelPrice): number {
  const write5m = usage.cacheWriteInputTokens - usage.cacheWrite1hInputTokens;
  // tokens × (USD per 1M tokens) = micro-dollars.
  const microDollars =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    write5m * price.cacheWrite5m +
    usage.cacheWrite1hInputTokens * price.cacheWrite1h +
    usage.cacheReadInputTokens * price.cacheRead;
  // 1 cent = 10,000 micro-dollars.
  return microDollars / 1e4;
}
