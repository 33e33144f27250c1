/**
 * Zod issues → the text AWS's Coral framework answers for a Converse request that breaks the
 * service model's constraints: `1 validation error detected: Value '0' at
 * 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater
 * than or equal to 1`. List elements appear as `<list>.<1-based index>.member`.
 * @module
 */
import type { z } from 'zod';
import { valueAtPath } from './issue-input.ts';

/**
 * The ValidationException message for these issues of `body`.
 *
 * @example
 * ```ts
 * coralValidationMessage(result.error.issues, body);
 * // "1 validation error detected: Value null at 'messages.1.member.role' failed to satisfy constraint: Member must not be null"
 * ```
 */
export function coralValidationMessage(issues: readonly z.core.$ZodIssue[], body: unknown): string {
  const violations = issues.map((issue) => violationOf(issue, body));
  const count = violations.length;
  return `${String(count)} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`;
}

function violationOf(issue: z.core.$ZodIssue, body: unknown): string {
  const path = issue.code === 'invalid_union' && 'discriminator' in issue ? issue.path.slice(0, -1) : issue.path;
  const value = valueAtPath(body, path);
  const at = `at '${coralPath(path)}'`;
  const subject = value === undefined || value === null ? `Value null ${at}` : isScalar(value) ? `Value '${String(value)}' ${at}` : `Value ${at}`;
  return `${subject} failed to satisfy constraint: ${constraintOf(issue, value)}`;
}

function constraintOf(issue: z.core.$ZodIssue, value: unknown): string {
  if ((value === undefined || value === null) && issue.code !== 'custom') return 'Member must not be null';
  switch (issue.code) {
    case 'invalid_type':
      return `Member must be of type ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'number'
        ? `Member must have value greater than or equal to ${String(issue.minimum)}`
        : `Member must have length greater than or equal to ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'number'
        ? `Member must have value less than or equal to ${String(issue.maximum)}`
        : `Member must have length less than or equal to ${String(issue.maximum)}`;
    case 'invalid_value':
      return `Member must satisfy enum value set: [${issue.values.map(String).join(', ')}]`;
    case 'invalid_format':
      return `Member must satisfy regular expression pattern: ${issue.pattern ?? issue.format}`;
    default:
      return issue.message;
  }
}

/** `['messages', 0, 'content', 1, 'text']` → `messages.1.member.content.2.member.text`. */
function coralPath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `${String(key + 1)}.member` : String(key))).join('.');
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
