/**
 * `POST /documents` (Bearer), and its alias `POST /documents/upload` (the original design's
 * path): accepts one lab report as `multipart/form-data` (field `file`), answers 202 with the
 * job to poll. The work happens in the processor, behind the queue, because API Gateway cuts
 * every request at 30 s.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import type { ServiceEnv } from '#shared/http/service-env.ts';
import type { DocumentsDependencies } from '../documents-dependencies.ts';
import { readUploadFile } from '../domain/read-upload-file.ts';
import { submitDocument } from '../jobs/submit-document.ts';
import { UploadAccepted, UploadBodySchema, UploadHeaders } from './schemas.ts';

function uploadRoute(path: string, summary: string) {
  return createRoute({
    method: 'post',
    path,
    tags: ['documents'],
    summary,
    security: [{ bearer: [] }],
    request: {
      headers: UploadHeaders,
      body: { required: true, content: { 'multipart/form-data': { schema: UploadBodySchema } } },
    },
    responses: {
      202: {
        description: 'Accepted: the job to poll (also for a replayed Idempotency-Key, marked by the header Idempotent-Replayed: true)',
        content: { 'application/json': { schema: UploadAccepted } },
      },
      400: errorResponseSpec('VALIDATION_ERROR: not multipart/form-data, no file field "file", not a file, empty, or a malformed Idempotency-Key'),
      401: errorResponseSpec('UNAUTHORIZED (also when the account has been erased)'),
      413: errorResponseSpec('FILE_TOO_LARGE: over 4.5 MB, or a JPEG or PNG over 3.75 MB (the message says which)'),
      415: errorResponseSpec('UNSUPPORTED_MEDIA_TYPE: not a PDF, JPEG or PNG by its content'),
      429: errorResponseSpec("QUOTA_EXCEEDED: this month's documents of the plan are used up"),
      503: errorResponseSpec('SERVICE_UNAVAILABLE: storage, queue or database unavailable; the upload can be repeated'),
    },
  });
}

export const uploadDocumentRoute = uploadRoute('/documents', 'Upload a lab report for interpretation');
export const uploadDocumentAliasRoute = uploadRoute('/documents/upload', 'Upload a lab report (alias of POST /documents)');

/** The paths whose oversize bodies are an oversize file (FILE_TOO_LARGE; see `../app.ts`). */
export const UPLOAD_PATHS: readonly string[] = [uploadDocumentRoute.path, uploadDocumentAliasRoute.path];

/**
 * Registers both upload paths on the app (authentication is the app's, see `app.ts`).
 *
 * @example
 * ```ts
 * registerUploadDocument(app, deps);
 * ```
 */
export function registerUploadDocument(app: ServiceApp, deps: DocumentsDependencies): void {
  const accept = async (c: Context<ServiceEnv>, idempotencyKey: string | undefined) => {
    const file = await readUploadFile({ contentType: c.req.header('content-type'), formData: () => c.req.formData() }, deps.documents.maxUploadBytes);
    const { job, replayed } = await submitDocument(deps, { userId: c.get('userId'), file, idempotencyKey, requestId: c.get('requestId') });
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return { jobId: job.id, status: job.status, statusUrl: `/jobs/${job.id}` };
  };
  app.openapi(uploadDocumentRoute, async (c) => c.json(await accept(c, c.req.valid('header')['idempotency-key']), 202));
  app.openapi(uploadDocumentAliasRoute, async (c) => c.json(await accept(c, c.req.valid('header')['idempotency-key']), 202));
}
