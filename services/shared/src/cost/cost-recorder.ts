/**
 * Records every model call: the `Serenya/LLM` metrics, then one item in the DynamoDB cost table.
 *
 * `record()` never rejects. Cost tracking is bookkeeping: a user whose answer is ready must get
 * it even when the cost table is unreachable. A failed write is logged (ids and the error's name
 * only, no PHI) and counted as `CostWriteFailures`, which an alarm can watch; the usage metrics
 * were already emitted, so the dashboards stay complete either way.
 *
 * Writes are conditional on a new sort key (`attribute_not_exists(#timestamp)`); on a collision
 * (two calls of one user in the same thousandth of a millisecond slot, see cost-record.ts) the
 * recorder draws a new timestamp, up to `maxAttempts` times.
 *
 * The write is also bounded in time (`writeTimeoutMs`, lowered per call by `timeoutMs`): the
 * answer waits for it, and a DynamoDB that hangs instead of failing would otherwise hold the
 * answer until the Lambda is killed, failing the very request this module must never fail. A
 * write that runs out of time is aborted and then logged and counted like any failed write.
 *
 * @example
 * ```ts
 * const recorder = createCostRecorder({ documentClient: dynamoDbDocumentClient(), ...costConfig() });
 * await recorder.record(event); // resolves whether or not DynamoDB accepted it
 * ```
 * @module
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { logger } from '../observability/logger.ts';
import { buildCostRecord, type LlmUsageEvent } from './cost-record.ts';
import { emitCostWriteFailure, emitLlmUsageMetrics } from './llm-usage-metrics.ts';

export interface CostRecorderOptions {
  documentClient: Pick<DynamoDBDocumentClient, 'send'>;
  tableName: string;
  ttlDays: number;
  /** Epoch ms; default Date.now. */
  now?: () => number;
  /** In [0, 1); default Math.random. */
  random?: () => number;
  /** Writes tried on timestamp collisions; default 3. */
  maxAttempts?: number;
  /**
   * Longest the whole write (collision retries and the SDK's own retries included) may take;
   * default {@link DEFAULT_COST_WRITE_TIMEOUT_MS}.
   */
  writeTimeoutMs?: number;
}

/**
 * The default bound of one cost write. A PutItem takes milliseconds; 5 s only ever cuts a write
 * that hangs, and is generous enough for a loaded local moto. Callers that know the Lambda's
 * remaining time pass a lower `timeoutMs` (the Bedrock client does).
 */
export const DEFAULT_COST_WRITE_TIMEOUT_MS = 5_000;

/**
 * Per-call options of {@link CostRecorder.record}.
 *
 * @example
 * ```ts
 * await recorder.record(event, { timeoutMs: 800 }); // the Lambda has little time left
 * ```
 */
export interface RecordOptions {
  /** Lowers the recorder's `writeTimeoutMs` for this write (never raises it); ≤ 0 skips the write as timed out. */
  timeoutMs?: number;
}

/**
 * Records model-call usage; see the module description.
 *
 * @example
 * ```ts
 * await recorder.record({ userId, requestId, documentType: 'chat', provider: 'bedrock', modelId, usage, costCents, processingTimeMs });
 * ```
 */
export interface CostRecorder {
  /** Emits the metrics and writes the item; never rejects, and settles within the write timeout. */
  record(event: LlmUsageEvent, options?: RecordOptions): Promise<void>;
}

/**
 * Creates a {@link CostRecorder} writing to `tableName`.
 *
 * @example
 * ```ts
 * const recorder = createCostRecorder({ documentClient, tableName: 'serenya-llm-cost-tracking', ttlDays: 365 });
 * ```
 */
export function createCostRecorder(options: CostRecorderOptions): CostRecorder {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 3;
  const writeTimeoutMs = options.writeTimeoutMs ?? DEFAULT_COST_WRITE_TIMEOUT_MS;

  async function write(event: LlmUsageEvent, signal: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      signal.throwIfAborted();
      const item = buildCostRecord(event, { nowMs: now(), random, ttlDays: options.ttlDays });
      try {
        const put = new PutCommand({
          TableName: options.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#timestamp)',
          ExpressionAttributeNames: { '#timestamp': 'timestamp' },
        });
        // The SDK aborts on the signal; the race covers a client that would not.
        await Promise.race([options.documentClient.send(put, { abortSignal: signal }), rejectOnAbort(signal)]);
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= maxAttempts) throw error;
      }
    }
  }

  return {
    async record(event, recordOptions = {}) {
      try {
        emitLlmUsageMetrics(event);
      } catch (error) {
        // A metric is never worth failing the call for; the write below still happens.
        logger.error('LLM usage metrics not emitted', { requestId: event.requestId, errorName: (error as Error).name });
      }
      const timeoutMs = Math.max(0, Math.min(writeTimeoutMs, recordOptions.timeoutMs ?? writeTimeoutMs));
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        await write(event, signal);
      } catch (error) {
        logger.error('LLM cost record not written', {
          requestId: event.requestId,
          userId: event.userId,
          modelId: event.modelId,
          documentType: event.documentType,
          costCents: event.costCents,
          // Whatever the SDK threw on the abort (AbortError, …), the cause was our time limit.
          errorName: signal.aborted ? 'TimeoutError' : error instanceof Error ? error.name : typeof error,
          ...(signal.aborted ? { timeoutMs } : {}),
        });
        try {
          emitCostWriteFailure(event.provider);
        } catch {
          // Nothing left to report to; the log line above stands.
        }
      }
    },
  };
}

/** Rejects with the signal's reason once it aborts; never settles otherwise. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    else signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}
