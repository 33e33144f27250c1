/**
 * The base of every Serenya service: an OpenAPIHono app with request ids, security headers,
 * a JSON body limit, the one error model (unknown route → 404 NOT_FOUND, schema failure → 400
 * VALIDATION_ERROR naming the field, unexpected throw → 500 INTERNAL_ERROR without the stack)
 * and `GET /openapi.json` generated from the routes' zod schemas.
 *
 * @example
 * ```ts
 * const app = createServiceApp({ title: 'Serenya auth', version: '1.0.0' });
 * app.openapi(signInRoute, handler);
 * ```
 * @module
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../errors/index.ts';
import { errorResponse } from './error-response.ts';
import { requestContext } from './middleware/request-context.ts';
import type { ServiceEnv } from './service-env.ts';
import { toAppError } from './to-app-error.ts';
import { validationError } from './validation-hook.ts';

export interface ServiceAppOptions {
  title: string;
  version: string;
  /** Largest accepted request body; JSON APIs need little (default 64 KiB). */
  maxBodyBytes?: number;
  /**
   * The error for a body over the limit on a given request (default PAYLOAD_TOO_LARGE): on an
   * upload route an oversize body is an oversize file, which clients know as FILE_TOO_LARGE,
   * with the same message the route gives for a file just over the limit.
   */
  oversizeBodyError?: (method: string, path: string) => AppError | undefined;
}

export type ServiceApp = OpenAPIHono<ServiceEnv>;

export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const app = new OpenAPIHono<ServiceEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return errorResponse(c, validationError(result.error, result.target));
      return undefined;
    },
  });

  app.use('*', requestContext());
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      strictTransportSecurity: 'max-age=63072000; includeSubDomains',
    }),
  );
  app.use('*', async function noStore(c, next) {
    await next();
    // Responses carry PHI or tokens: no cache anywhere may keep them.
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 64 * 1024,
      onError: (c) =>
        errorResponse(c as Parameters<typeof errorResponse>[0], options.oversizeBodyError?.(c.req.method, c.req.path) ?? new AppError('PAYLOAD_TOO_LARGE')),
    }),
  );

  app.notFound((c) => errorResponse(c, new AppError('NOT_FOUND', { message: `No route for ${c.req.method} ${c.req.path}` })));
  app.onError((error, c) => errorResponse(c, toAppError(error)));

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: options.title, version: options.version },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

  return app;
}
