/**
 * The zod-openapi default hook: a request part that fails its schema becomes 400
 * VALIDATION_ERROR whose message names the fields, e.g. `idToken: expected string`.
 * @module
 */
import type { ZodError } from 'zod';
import { AppError, type FieldIssue } from '../errors/index.ts';

const targetPrefix: Record<string, string> = { json: '', form: '', query: 'query.', param: 'path.', header: 'header.', cookie: 'cookie.' };

export function fieldIssues(error: ZodError, target: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return { path: `${targetPrefix[target] ?? ''}${path || '(body)'}`, message };
  });
}

export function validationError(error: ZodError, target: string): AppError {
  const fields = fieldIssues(error, target);
  return new AppError('VALIDATION_ERROR', {
    message: `Invalid request: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`,
    fields,
  });
}
