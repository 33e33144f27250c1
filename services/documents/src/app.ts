/**
 * The documents service: upload a lab report (202 + a job), poll the job, retry a failed one.
 * A plain Hono app: testable with `app.request()`, served by Lambda through `handler.ts` and
 * locally by the emulation's gateway.
 *
 * @example
 * ```ts
 * const app = createDocumentsApp(deps);
 * const form = new FormData();
 * form.set('file', new File([pdfBytes], 'report.pdf'));
 * const res = await app.request('/documents', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
 * ```
 * @module
 */
import { createServiceApp, type ServiceApp } from '#shared/http/create-service-app.ts';
import { requireAuth } from '#shared/http/middleware/require-auth.ts';
import type { DocumentsDependencies } from './documents-dependencies.ts';
import { fileTooLarge } from './domain/read-upload-file.ts';
import { uploadBodyLimit } from './domain/upload-limits.ts';
import { getJobRoute, getJobStatusAliasRoute, registerGetJob } from './routes/get-job.ts';
import { retryJobRoute, registerRetryJob } from './routes/retry-job.ts';
import { registerUploadDocument, UPLOAD_PATHS, uploadDocumentAliasRoute, uploadDocumentRoute } from './routes/upload-document.ts';

/** `/jobs/{jobId}` (OpenAPI) → `/jobs/:jobId` (Hono). */
const honoPath = (path: string): string => path.replaceAll(/\/{(.+?)}/g, '/:$1');

/**
 * The app with every route, Bearer authentication on each, the upload body limit and the
 * FILE_TOO_LARGE translation of oversize upload bodies.
 *
 * @example
 * ```ts
 * export const handler = handle(createDocumentsApp(documentsDependenciesFromEnvironment()));
 * ```
 */
export function createDocumentsApp(deps: DocumentsDependencies): ServiceApp {
  const app = createServiceApp({
    title: 'Serenya documents',
    version: '1.0.0',
    // The body limit runs before any route and never buffers an oversize body; on the upload
    // routes what is over the limit is the file.
    maxBodyBytes: uploadBodyLimit(deps.documents.maxUploadBytes),
    oversizeBodyError: (method, path) => (method === 'POST' && UPLOAD_PATHS.includes(path) ? fileTooLarge(deps.documents.maxUploadBytes) : undefined),
  });

  // Authentication before the routes' own validation: an anonymous caller learns nothing
  // about what a valid request would look like.
  const auth = requireAuth(deps.accessTokens);
  for (const route of [uploadDocumentRoute, uploadDocumentAliasRoute, getJobRoute, getJobStatusAliasRoute, retryJobRoute]) {
    app.on(route.method.toUpperCase(), honoPath(route.path), auth);
  }

  registerUploadDocument(app, deps);
  registerGetJob(app, deps);
  registerRetryJob(app, deps);
  return app;
}
