/**
 * Every error code a Serenya API can answer with, in one table: its HTTP status, category,
 * recovery strategy and default public message. Codes are a public contract: add, never rename.
 * @module
 */
import type { ErrorCategory, RecoveryStrategy } from './app-error.ts';

export interface ErrorSpec {
  status: number;
  category: ErrorCategory;
  recovery: RecoveryStrategy;
  message: string;
}

export const ErrorCatalog = {
  VALIDATION_ERROR: { status: 400, category: 'validation', recovery: 'ignore', message: 'The request is not valid' },
  UNAUTHORIZED: { status: 401, category: 'validation', recovery: 'ignore', message: 'A valid access token is required' },
  INVALID_GOOGLE_TOKEN: { status: 401, category: 'validation', recovery: 'ignore', message: 'The Google ID token is not valid' },
  INVALID_REFRESH_TOKEN: { status: 401, category: 'validation', recovery: 'ignore', message: 'The refresh token is not valid or has expired' },
  REFRESH_TOKEN_REUSED: { status: 401, category: 'business', recovery: 'escalate', message: 'The refresh token was already used; the session has been revoked' },
  EMAIL_NOT_VERIFIED: { status: 403, category: 'business', recovery: 'ignore', message: 'The Google account e-mail address is not verified' },
  NOT_FOUND: { status: 404, category: 'validation', recovery: 'ignore', message: 'Not found' },
  PAYLOAD_TOO_LARGE: { status: 413, category: 'validation', recovery: 'ignore', message: 'The request body is too large' },
  INTERNAL_ERROR: { status: 500, category: 'technical', recovery: 'escalate', message: 'An unexpected error occurred' },
  SERVICE_UNAVAILABLE: { status: 503, category: 'technical', recovery: 'retry', message: 'The service is temporarily unavailable; try again shortly' },
  UPSTREAM_UNAVAILABLE: { status: 503, category: 'external', recovery: 'retry', message: 'A service we depend on is unavailable; try again shortly' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ErrorCatalog;
