/**
 * Writes the one error body every Serenya API answers with,
 * `{"error": {"code", "message", "category", "requestId"}}` (plus `fields` for validation
 * errors), and records the error: the `ErrorsByCategory` metric for every error response, a
 * log line with the stack for server-side faults. The body never carries a stack or PHI.
 * @module
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppError, ErrorCategory, FieldIssue } from '../errors/index.ts';
import { logger } from '../observability/logger.ts';
import { emitMetric, MetricNamespace } from '../observability/metrics.ts';
import type { ServiceEnv } from './service-env.ts';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    category: ErrorCategory;
    requestId: string;
    fields?: FieldIssue[];
  };
}

/** Emits `ErrorsByCategory` (Serenya/Errors) by category and recovery, and by category alone. */
export function recordErrorMetric(error: AppError): void {
  emitMetric({
    namespace: MetricNamespace.errors,
    name: 'ErrorsByCategory',
    unit: 'Count',
    value: 1,
    dimensionSets: [{ Category: error.category, RecoveryStrategy: error.recovery }, { Category: error.category }],
  });
}

export function errorResponse(c: Context<ServiceEnv>, error: AppError): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  recordErrorMetric(error);
  if (error.status >= 500) {
    // The cause (with its stack) goes to the log only; ids, never request bodies.
    logger.error(`request failed: ${error.code}`, { code: error.code, status: error.status, requestId, error: error.cause ?? error });
  } else {
    logger.info(`request rejected: ${error.code}`, { code: error.code, status: error.status, requestId });
  }
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, category: error.category, requestId },
  };
  if (error.fields && error.fields.length > 0) body.error.fields = error.fields;
  if (error.status === 503) c.header('Retry-After', '5');
  return c.json(body, error.status as ContentfulStatusCode);
}
