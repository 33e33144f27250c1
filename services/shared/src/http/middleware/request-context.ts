/**
 * Gives every request an id, puts it on the context, the logger and the response: API
 * Gateway's request id in Lambda, else a well-formed `x-request-id` from the caller, else a
 * new UUID. In Lambda it also hands the Lambda context to the logger (cold start, function name).
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { logger } from '../../observability/logger.ts';
import type { ServiceEnv } from '../service-env.ts';

const acceptableId = /^[A-Za-z0-9._:=-]{8,128}$/;

export function requestContext(): MiddlewareHandler<ServiceEnv> {
  return async function requestContextMiddleware(c, next) {
    const fromGateway = c.env?.requestContext?.requestId;
    const fromHeader = c.req.header('x-request-id');
    const requestId = fromGateway ?? (fromHeader && acceptableId.test(fromHeader) ? fromHeader : crypto.randomUUID());
    c.set('requestId', requestId);
    if (c.env?.lambdaContext) logger.addContext(c.env.lambdaContext);
    logger.appendKeys({ requestId });
    try {
      await next();
    } finally {
      c.header('x-request-id', requestId);
      logger.removeKeys(['requestId']);
    }
  };
}
