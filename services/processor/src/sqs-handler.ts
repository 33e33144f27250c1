/**
 * The processor's SQS handler: each record's `{"jobId"}` goes through `processDocument`, and
 * the records that must be delivered again are reported as batch item failures
 * (ReportBatchItemFailures), so one failed record never redelivers the others. The mapping's
 * batch size is 1 by design (one document per 180 s invocation), but any batch is handled, one
 * record after the other.
 *
 * - A malformed body can never succeed: it is logged (message id only), counted
 *   (`DocumentsProcessed{Outcome=malformed}`) and dropped, not cycled to the dead-letter queue.
 * - A record is not started with less than `minStartMs` left in the invocation: it is reported
 *   failed (redelivered) instead of being cut off by the timeout halfway through.
 * - The remaining time comes from the Lambda context; without one (a plain call), the
 *   invocation gets `budgetMs` from its start.
 *
 * @example
 * ```ts
 * export const handler = createProcessorHandler(processorDependenciesFromEnvironment());
 * const { batchItemFailures } = await handler({ Records: [record] }, context);
 * ```
 * @module
 */
import { randomUUID } from 'node:crypto';
import { logger } from '#shared/observability/logger.ts';
import { emitDocumentOutcome } from './pipeline-metrics.ts';
import { needsRedelivery, processDocument } from './process-document.ts';
import { parseProcessingMessage } from './processing-message.ts';
import type { ProcessorDependencies } from './processor-dependencies.ts';
import type { LambdaContext, SqsBatchResponse, SqsEvent, SqsRecord } from './sqs-event.ts';

/**
 * The handler over `deps`.
 *
 * @example
 * ```ts
 * const handler = createProcessorHandler(deps);
 * await handler(event, { awsRequestId, getRemainingTimeInMillis: () => 170_000 });
 * ```
 */
export function createProcessorHandler(deps: ProcessorDependencies): (event: SqsEvent, context?: LambdaContext) => Promise<SqsBatchResponse> {
  return async function processSqsBatch(event, context = {}) {
    const startedAt = performance.now();
    const remainingTimeMs =
      context.getRemainingTimeInMillis?.bind(context) ?? (() => Math.max(0, Math.round(startedAt + deps.config.budgetMs - performance.now())));
    const requestId = context.awsRequestId ?? randomUUID();
    const batchItemFailures: SqsBatchResponse['batchItemFailures'] = [];

    for (const record of event.Records) {
      if (await recordFails(record)) batchItemFailures.push({ itemIdentifier: record.messageId });
    }
    return { batchItemFailures };

    async function recordFails(record: SqsRecord): Promise<boolean> {
      const message = parseProcessingMessage(record.body);
      if (message === undefined) {
        logger.error('malformed processing message dropped', { messageId: record.messageId, bodyLength: record.body.length });
        emitDocumentOutcome('malformed');
        return false;
      }
      if (remainingTimeMs() < deps.config.minStartMs) {
        logger.warn('too little time left to start a document; redelivering', { jobId: message.jobId, remainingMs: remainingTimeMs() });
        return true;
      }
      const receiveCount = Number.parseInt(record.attributes.ApproximateReceiveCount, 10);
      try {
        const outcome = await processDocument(deps, {
          jobId: message.jobId,
          receiveCount: Number.isFinite(receiveCount) && receiveCount > 0 ? receiveCount : 1,
          requestId,
          remainingTimeMs,
        });
        return needsRedelivery(outcome);
      } catch (error) {
        // processDocument settles its own failures; reaching this is a bug. Redeliver, bounded by the DLQ.
        logger.error('unexpected processor error', { jobId: message.jobId, errorName: error instanceof Error ? error.name : typeof error });
        return true;
      }
    }
  };
}
