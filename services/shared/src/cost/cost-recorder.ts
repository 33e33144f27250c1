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
  /** Emits the metrics and writes the item; never rejects. */
  record(event: LlmUsageEvent): Promise<void>;
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

  async function write(event: LlmUsageEvent): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const item = buildCostRecord(event, { nowMs: now(), random, ttlDays: options.ttlDays });
      try {
        await options.documentClient.send(
          new PutCommand({
            TableName: options.tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(#timestamp)',
            ExpressionAttributeNames: { '#timestamp': 'timestamp' },
          }),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= maxAttempts) throw error;
      }
    }
  }

  return {
    async record(event) {
      try {
        emitLlmUsageMetrics(event);
      } catch (error) {
        // A metric is never worth failing the call for; the write below still happens.
        logger.error('LLM usage metrics not emitted', { requestId: event.requestId, errorName: (error as Error).name });
      }
      try {
        await write(event);
      } catch (error) {
        logger.error('LLM cost record not written', {
          requestId: event.requestId,
          userId: event.userId,
          modelId: event.modelId,
          documentType: event.documentType,
          costCents: event.costCents,
          errorName: error instanceof Error ? error.name : typeof error,
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
