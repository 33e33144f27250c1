/**
 * `POST /jobs/{jobId}/retry` (Bearer): runs a failed, retryable job again, if its original is
 * still stored. 202 with the job (now `queued`); 409 JOB_NOT_RETRYABLE otherwise; 404 for a
 * job that is not the caller's.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import { toJobView } from '#shared/jobs/document-jobs.ts';
import type { DocumentsDependencies } from '../documents-dependencies.ts';
import { retryFailedJob } from '../jobs/retry-failed-job.ts';
import { JobIdParams, JobView } from './schemas.ts';

export const retryJobRoute = createRoute({
  method: 'post',
  path: '/jobs/{jobId}/retry',
  tags: ['jobs'],
  summary: 'Retry a failed document job',
  security: [{ bearer: [] }],
  request: { params: JobIdParams },
  responses: {
    202: { description: 'Requeued: poll the job again', content: { 'application/json': { schema: JobView } } },
    401: errorResponseSpec('UNAUTHORIZED'),
    404: errorResponseSpec('NOT_FOUND: no such job for this user (also for a malformed id)'),
    409: errorResponseSpec('JOB_NOT_RETRYABLE: not failed, failed for good, or its document is gone'),
    503: errorResponseSpec('SERVICE_UNAVAILABLE: storage, queue or database unavailable; the job stays failed and retryable'),
  },
});

/**
 * Registers the retry route on the app (authentication is the app's, see `app.ts`).
 *
 * @example
 * ```ts
 * registerRetryJob(app, deps);
 * ```
 */
export function registerRetryJob(app: ServiceApp, deps: DocumentsDependencies): void {
  app.openapi(retryJobRoute, async (c) => {
    const job = await retryFailedJob(deps, { userId: c.get('userId'), jobId: c.req.valid('param').jobId, requestId: c.get('requestId') });
    return c.json(toJobView(job), 202);
  });
}
