/**
 * The processor's own settings, read once from the environment and validated (the bucket, the
 * queue and the Bedrock, database and PHI-key settings come from their shared config modules).
 *
 * - `PROCESSING_MAX_RECEIVES` (default 3): the queue's `maxReceiveCount`. The delivery whose
 *   `ApproximateReceiveCount` reaches it is the last before SQS moves the message to the
 *   dead-letter queue, so a retryable failure then fails the job (PROCESSING_FAILED, retryable)
 *   instead of leaving it queued behind a message nobody will deliver. Must equal the CDK value.
 * - `PROCESSING_STALE_AFTER_SECONDS` (default 240): a `processing` job started longer ago than
 *   this has lost its worker (the function's timeout is 180 s) and may be reclaimed.
 * - `PROCESSING_BUDGET_MS` (default 180000): the time one invocation may take when no Lambda
 *   context tells the remaining time (local runs): the function's timeout.
 * - `PROCESSING_MIN_START_MS` (default 15000): a record is not started with less time left than
 *   this (it is reported as failed and redelivered) rather than being cut off halfway.
 *
 * @example
 * ```ts
 * const { maxReceives, staleAfterSeconds } = processorConfig();
 * readProcessorConfig({ PROCESSING_STALE_AFTER_SECONDS: '60' }); // throws: must exceed the budget
 * ```
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from '#shared/config/load-config.ts';

const schema = z
  .object({
    PROCESSING_MAX_RECEIVES: z.coerce.number().int().min(1).max(1_000).default(3),
    PROCESSING_STALE_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(240),
    PROCESSING_BUDGET_MS: z.coerce.number().int().min(1_000).max(900_000).default(180_000),
    PROCESSING_MIN_START_MS: z.coerce.number().int().min(0).max(900_000).default(15_000),
    // An upload request lasts at most API Gateway's 30 s; five minutes in `uploaded` means it died.
    PROCESSING_UPLOADED_STALE_AFTER_SECONDS: z.coerce.number().int().min(60).max(86_400).default(300),
    // A queued message is redelivered up to maxReceives times, 6x the budget apart: an hour in
    // `queued` without a claim means the message is gone (dead-lettered while the database was down).
    PROCESSING_QUEUED_STALE_AFTER_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(3_600),
  })
  .refine((env) => env.PROCESSING_STALE_AFTER_SECONDS * 1_000 > env.PROCESSING_BUDGET_MS, {
    path: ['PROCESSING_STALE_AFTER_SECONDS'],
    message: 'must be longer than PROCESSING_BUDGET_MS, or a live worker could be overtaken',
  })
  .transform((env) => ({
    maxReceives: env.PROCESSING_MAX_RECEIVES,
    staleAfterSeconds: env.PROCESSING_STALE_AFTER_SECONDS,
    budgetMs: env.PROCESSING_BUDGET_MS,
    minStartMs: env.PROCESSING_MIN_START_MS,
    uploadedStaleAfterSeconds: env.PROCESSING_UPLOADED_STALE_AFTER_SECONDS,
    queuedStaleAfterSeconds: env.PROCESSING_QUEUED_STALE_AFTER_SECONDS,
  }));

export type ProcessorConfig = z.output<typeof schema>;

/**
 * Reads and validates the processor settings from `env` (default: `process.env`).
 *
 * @example
 * ```ts
 * readProcessorConfig({}); // { maxReceives: 3, staleAfterSeconds: 240, budgetMs: 180000, minStartMs: 15000 }
 * ```
 */
export function readProcessorConfig(env?: Environment): ProcessorConfig {
  return loadConfig('processor', schema, env);
}

/** The process's processor settings, read once. */
export const processorConfig = once(() => readProcessorConfig());
