/**
 * `GET /jobs/{jobId}` (Bearer), and its alias `GET /jobs/{jobId}/status` (the original
 * design's path): the job's state, attempts, content id once completed, error once failed.
 * A malformed id, a missing job and another user's job get the same 404, so the answer never
 * tells whether a job exists.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent, writeFailureAuditEvent } from '#shared/audit/write-audit-event.ts';
import { AppError } from '#shared/errors/index.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import type { ServiceEnv } from '#shared/http/service-env.ts';
import { getJobForUser, toJobView, type JobView } from '#shared/jobs/document-jobs.ts';
import type { DocumentsDependencies } from '../documents-dependencies.ts';
import { isJobId } from '../domain/job-id.ts';
import { JOB_RESOURCE_TYPE } from '../jobs/job-resource.ts';
import { JobIdParams, JobView as JobViewSchema } from './schemas.ts';

function jobStatusRoute(path: string, summary: string) {
  return createRoute({
    method: 'get',
    path,
    tags: ['jobs'],
    summary,
    security: [{ bearer: [] }],
    request: { params: JobIdParams },
    responses: {
      200: { description: 'The job', content: { 'application/json': { schema: JobViewSchema } } },
      401: errorResponseSpec('UNAUTHORIZED'),
      404: errorResponseSpec('NOT_FOUND: no such job for this user (also for a malformed id)'),
      503: errorResponseSpec('SERVICE_UNAVAILABLE'),
    },
  });
}

export const getJobRoute = jobStatusRoute('/jobs/{jobId}', "A document job's status");
export const getJobStatusAliasRoute = jobStatusRoute('/jobs/{jobId}/status', "A document job's status (alias of GET /jobs/{jobId})");

/**
 * Registers both job status paths on the app (authentication is the app's, see `app.ts`).
 *
 * @example
 * ```ts
 * registerGetJob(app, deps);
 * ```
 */
export function registerGetJob(app: ServiceApp, deps: DocumentsDependencies): void {
  const read = async (c: Context<ServiceEnv>, jobId: string): Promise<JobView> => {
    const userId = c.get('userId');
    const requestId = c.get('requestId');
    const job = isJobId(jobId) ? await getJobForUser(deps.db, userId, jobId) : undefined;
    if (!job) {
      // Reading someone else's (or a guessed) job id is worth a trace; the answer stays a plain 404.
      await writeFailureAuditEvent(deps.db, { actorId: userId, action: AuditActions.jobRead, resourceType: JOB_RESOURCE_TYPE, resourceId: isJobId(jobId) ? jobId : null, outcome: 'failure', reason: 'NOT_FOUND', requestId });
      throw new AppError('NOT_FOUND');
    }
    await writeAuditEvent(deps.db, { actorId: userId, action: AuditActions.jobRead, resourceType: JOB_RESOURCE_TYPE, resourceId: job.id, outcome: 'success', requestId });
    return toJobView(job);
  };
  app.openapi(getJobRoute, async (c) => c.json(await read(c, c.req.valid('param').jobId), 200));
  app.openapi(getJobStatusAliasRoute, async (c) => c.json(await read(c, c.req.valid('param').jobId), 200));
}
