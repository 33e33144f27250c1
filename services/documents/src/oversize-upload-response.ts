/**
 * On the upload routes a body over the limit *is* a file over the limit, so the client should
 * get the code it branches on for that, FILE_TOO_LARGE, not the generic PAYLOAD_TOO_LARGE.
 *
 * The body limit itself is the shared app's (set to the upload limit plus multipart room): it
 * runs before any route middleware, refuses a declared Content-Length over the limit without
 * reading, and stops reading a streamed body at the limit, so a huge body is never buffered
 * whole. Because it answers before anything this service registers can run, the answer is
 * translated here, around the app's `fetch`. (A per-route error code option on
 * `createServiceApp` would make this unnecessary.)
 * @module
 */
import { AppError } from '#shared/errors/index.ts';
import type { ErrorBody } from '#shared/http/error-response.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';

/**
 * Wraps `app.fetch` (used by `app.request`, the Lambda adapter and the local server) so a 413
 * PAYLOAD_TOO_LARGE on a POST to one of `paths` becomes 413 FILE_TOO_LARGE, same request id
 * and headers. Returns the same app.
 *
 * @example
 * ```ts
 * const app = answerOversizeUploadsAsFileTooLarge(createServiceApp({ ..., maxBodyBytes }), ['/documents']);
 * ```
 */
export function answerOversizeUploadsAsFileTooLarge(app: ServiceApp, paths: readonly string[]): ServiceApp {
  const fetch = app.fetch;
  app.fetch = async (request, ...rest) => {
    const response = await fetch(request, ...rest);
    if (response.status !== 413 || request.method !== 'POST' || !paths.includes(new URL(request.url).pathname)) return response;
    const body = (await response.clone().json().catch(() => null)) as ErrorBody | null;
    if (body?.error.code !== 'PAYLOAD_TOO_LARGE') return response;
    const fileTooLarge = new AppError('FILE_TOO_LARGE');
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    const translated: ErrorBody = { error: { ...body.error, code: fileTooLarge.code, message: fileTooLarge.message, category: fileTooLarge.category } };
    return new Response(JSON.stringify(translated), { status: 413, headers });
  };
  return app;
}
