/**
 * Recovery of jobs stuck in `processing`, for a scheduled rule (e.g. every 5 minutes). A job is
 * stuck when its worker died without settling it: the Lambda timed out or crashed, or the
 * database refused the final status update, and its message was then dropped or dead-lettered.
 * Such a job has `processing_started_at` older than the stale threshold (240 s by default, past
 * the processor's 180 s budget, so no live worker can own it).
 *
 * Per stale job: attempts left (`attempts < PROCESSING_MAX_RECEIVES`) → its `{jobId}` message is
 * sent again, and the delivery reclaims it (`claimForProcessing` takes stale jobs), keeping its
 * attempts count; none left → failed with PROCESSING_FAILED, retryable by the user. So nothing
 * stays `processing` forever. A second sweep before the re-sent message is handled sends
 * another copy; the claim guard makes copies harmless.
 *
 * Jobs that never started are swept too: `uploaded` past `uploadedStaleAfterSeconds` (the
 * upload died between storing and queueing) and `queued` past `queuedStaleAfterSeconds` (the
 * message was lost) get their message again, so no accepted document is left unprocessed.
 *
 * @example
 * ```ts
 * const result = await sweepStaleJobs({ db, queue, config });
 * result; // { requeued: ['3f1c…'], failed: [], errors: 0 }
 * ```
 * @module
 */
import { failJob, findStaleProcessingJobs, findStaleUnstartedJobs } from '#shared/jobs/document-jobs.ts';
import { logger } from '#shared/observability/logger.ts';
import { emitStaleJobRecovered } from './pipeline-metrics.ts';
import type { ProcessorDependencies } from './processor-dependencies.ts';

/** What the sweeper needs: no Bedrock, no documents, no cipher. */
export type StaleJobSweeperDependencies = Pick<ProcessorDependencies, 'db' | 'queue' | 'config'>;

/**
 * The job ids of one sweep, by what was done to them.
 *
 * @example
 * ```ts
 * if (result.errors > 0) logger.warn('some stale jobs were left for the next sweep');
 * ```
 */
export interface SweepResult {
  requeued: string[];
  failed: string[];
  /** Jobs that could not be handled (queue or database error); the next sweep tries again. */
  errors: number;
}

/**
 * One sweep over every stale `processing` job.
 *
 * @example
 * ```ts
 * await sweepStaleJobs(deps);
 * ```
 */
export async function sweepStaleJobs(deps: StaleJobSweeperDependencies): Promise<SweepResult> {
  const { db, queue, config } = deps;
  const result: SweepResult = { requeued: [], failed: [], errors: 0 };
  const stale = [
    ...(await findStaleProcessingJobs(db, config.staleAfterSeconds)),
    ...(await findStaleUnstartedJobs(db, config.uploadedStaleAfterSeconds, config.queuedStaleAfterSeconds)),
  ];
  for (const job of stale) {
    try {
      if (job.attempts >= config.maxReceives) {
        if ((await failJob(db, job.id, 'PROCESSING_FAILED', true)) !== undefined) {
          result.failed.push(job.id);
          emitStaleJobRecovered('failed');
        }
      } else {
        await queue.send(job.id);
        result.requeued.push(job.id);
        emitStaleJobRecovered('requeued');
      }
    } catch (error) {
      result.errors += 1;
      logger.error('stale job not recovered; the next sweep tries again', { jobId: job.id, errorName: error instanceof Error ? error.name : typeof error });
    }
  }
  if (stale.length > 0) logger.warn('stale jobs recovered', { found: stale.length, requeued: result.requeued.length, failed: result.failed.length, errors: result.errors });
  return result;
}

/**
 * The scheduled rule's handler over `deps`.
 *
 * @example
 * ```ts
 * export const handler = createStaleJobSweeperHandler(sweeperDependenciesFromEnvironment());
 * ```
 */
export function createStaleJobSweeperHandler(deps: StaleJobSweeperDependencies): () => Promise<SweepResult> {
  return async function sweepStaleProcessingJobs() {
    return sweepStaleJobs(deps);
  };
}
