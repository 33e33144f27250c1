/**
 * Maps anything thrown inside a request to an {@link AppError}: the one place where framework,
 * database and breaker errors get their public code. Unknown errors become INTERNAL_ERROR.
 * @module
 */
import { HTTPException } from 'hono/http-exception';
import { AppError, isAppError } from '../errors/index.ts';
import { isDatabaseUnavailableError } from '../db/database-unavailable.ts';

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof HTTPException) {
    // Hono raises these for bodies it cannot read (malformed JSON, body limit).
    if (error.status === 413) return new AppError('PAYLOAD_TOO_LARGE', { cause: error });
    if (error.status === 400) return new AppError('VALIDATION_ERROR', { message: error.message || undefined, cause: error });
    if (error.status === 404) return new AppError('NOT_FOUND', { cause: error });
    if (error.status === 401) return new AppError('UNAUTHORIZED', { cause: error });
  }
  if (isDatabaseUnavailableError(error)) return new AppError('SERVICE_UNAVAILABLE', { cause: error });
  return new AppError('INTERNAL_ERROR', { cause: error });
}
