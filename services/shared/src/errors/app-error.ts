/**
 * The one error model of every Serenya service.
 *
 * An {@link AppError} carries what a caller, an operator and a dashboard need: a stable `code`
 * (clients branch on it), an HTTP `status`, a `category` (whose fault: the request, a business
 * rule, our infrastructure, or a third party) and a `recovery` strategy (what should happen next).
 * The `message` is public and must never hold PHI; the `cause` is for logs only.
 *
 * @example
 * ```ts
 * throw new AppError('INVALID_GOOGLE_TOKEN', { cause: joseError });
 * ```
 * @module
 */
import { ErrorCatalog, type ErrorCode } from './error-catalog.ts';

export const ErrorCategories = ['validation', 'business', 'technical', 'external'] as const;
export type ErrorCategory = (typeof ErrorCategories)[number];

export const RecoveryStrategies = ['retry', 'fallback', 'escalate', 'ignore'] as const;
export type RecoveryStrategy = (typeof RecoveryStrategies)[number];

/** One field that failed validation: a dotted path into the request and why. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  /** Overrides the catalog's default public message. Never put PHI here. */
  message?: string;
  cause?: unknown;
  fields?: FieldIssue[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly category: ErrorCategory;
  readonly recovery: RecoveryStrategy;
  readonly fields: FieldIssue[] | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const spec = ErrorCatalog[code];
    super(options.message ?? spec.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.category = spec.category;
    this.recovery = spec.recovery;
    this.fields = options.fields;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
