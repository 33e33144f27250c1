/**
 * Where per-call LLM usage is recorded: the DynamoDB cost table (ORIGINAL-DESIGN.md
 * "Cost Tracking Infrastructure", `serenya-llm-cost-tracking`) and how long a record lives
 * before DynamoDB's TTL removes it (the design's one-year retention).
 *
 * @example
 * ```ts
 * const { tableName, ttlDays } = costConfig();
 * ```
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from './load-config.ts';

const schema = z
  .object({
    // DynamoDB's own rule for table names: 3–255 of [a-zA-Z0-9_.-].
    COST_TABLE_NAME: z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'must be a DynamoDB table name'),
    COST_TTL_DAYS: z.coerce.number().int().min(1).max(3_650).default(365),
  })
  .transform((env) => ({ tableName: env.COST_TABLE_NAME, ttlDays: env.COST_TTL_DAYS }));

export type CostConfig = z.output<typeof schema>;

/**
 * Reads and validates the cost-tracking settings from `env` (default: `process.env`).
 *
 * @example
 * ```ts
 * readCostConfig({ COST_TABLE_NAME: 'serenya-llm-cost-tracking' }); // { tableName: …, ttlDays: 365 }
 * ```
 */
export function readCostConfig(env?: Environment): CostConfig {
  return loadConfig('cost tracking', schema, env);
}

/** The process's cost-tracking settings, read once. */
export const costConfig = once(() => readCostConfig());
