export { AppError, isAppError, ErrorCategories, RecoveryStrategies } from './app-error.ts';
export type { ErrorCategory, RecoveryStrategy, FieldIssue, AppErrorOptions } from './app-error.ts';
export { ErrorCatalog } from './error-catalog.ts';
export type { ErrorCode, ErrorSpec } from './error-catalog.ts';
