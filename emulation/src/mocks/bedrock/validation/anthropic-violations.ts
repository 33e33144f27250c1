/**
 * Zod issues → the text Bedrock answers for an InvokeModel body that breaks the Anthropic
 * Messages JSON schema. Bedrock validates that body with the everit JSON-schema validator and
 * reports `Malformed input request: <violation>, please reformat your input and try again.`,
 * where a violation reads `#/max_tokens: expected type: Integer, found: String` or
 * `#: required key [max_tokens] not found`, and several read `#: N schema violations found`.
 * @see /work/shared/docs/BEDROCK.md §2.6
 * @module
 */
import type { z } from 'zod';
import { INTEGER_MARK } from './anthropic-messages-schema.ts';
import { valueAtPath } from './issue-input.ts';

/**
 * The ValidationException message for these issues of `body`.
 *
 * @example
 * ```ts
 * anthropicSchemaMessage(result.error.issues, body);
 * // 'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.'
 * ```
 */
export function anthropicSchemaMessage(issues: readonly z.core.$ZodIssue[], body: unknown): string {
  const violations = issues.flatMap((issue) => violationsOf(issue, body));
  const summary = violations.length === 1 ? violations[0] : `#: ${violations.length} schema violations found`;
  return `Malformed input request: ${summary}, please reformat your input and try again.`;
}

function violationsOf(issue: z.core.$ZodIssue, body: unknown): string[] {
  const pointer = jsonPointer(issue.path);
  const value = valueAtPath(body, issue.path);
  if (value === undefined && issue.path.length > 0 && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') {
    return [`${jsonPointer(issue.path.slice(0, -1))}: required key [${String(issue.path.at(-1))}] not found`];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => `${pointer}: extraneous key [${key}] is not permitted`);
    case 'invalid_type':
      return [`${pointer}: expected type: ${issue.message === INTEGER_MARK ? 'Integer' : everitType(issue.expected)}, found: ${jsonTypeName(value)}`];
    case 'too_small':
      if (issue.origin === 'array') return [`${pointer}: expected minimum item count: ${String(issue.minimum)}, found: ${String(lengthOf(value))}`];
      if (issue.origin === 'string') return [`${pointer}: expected minLength: ${String(issue.minimum)}, actual: ${String(lengthOf(value))}`];
      return [`${pointer}: ${String(value)} is not greater or equal to ${String(issue.minimum)}`];
    case 'too_big':
      if (issue.origin === 'array') return [`${pointer}: expected maximum item count: ${String(issue.maximum)}, found: ${String(lengthOf(value))}`];
      if (issue.origin === 'string') return [`${pointer}: expected maxLength: ${String(issue.maximum)}, actual: ${String(lengthOf(value))}`];
      return [`${pointer}: ${String(value)} is not less or equal to ${String(issue.maximum)}`];
    case 'invalid_value':
      return [`${pointer}: ${typeof value === 'string' ? value : JSON.stringify(value)} is not a valid enum value`];
    case 'invalid_format':
      return [`${pointer}: string [${String(value)}] does not match pattern ${issue.pattern ?? issue.format}`];
    case 'invalid_union': {
      // `content: string | block[]` with a bad block: report inside the branch whose type
      // matched, as everit does, rather than "no subschema matched" at `content`.
      const matched = 'discriminator' in issue ? undefined : issue.errors.filter((errors) => !errors.some((inner) => inner.path.length === 0));
      if (matched?.length === 1) {
        return (matched[0] ?? []).flatMap((inner) => violationsOf({ ...inner, path: [...issue.path, ...inner.path] }, body));
      }
      // A bad `type` discriminator points at the union itself, as everit's anyOf does.
      const unionPath = 'discriminator' in issue ? issue.path.slice(0, -1) : issue.path;
      return [`${jsonPointer(unionPath)}: no subschema matched out of the total ${String(unionSize(issue))} subschemas`];
    }
    default:
      return [`${pointer}: ${issue.message}`];
  }
}

function unionSize(issue: z.core.$ZodIssueInvalidUnion): number {
  const options = (issue as { options?: unknown[] }).options;
  return options?.length ?? Math.max(issue.errors.length, 1);
}

/** `['messages', 0, 'role']` → `#/messages/0/role` (RFC 6901 escapes included). */
function jsonPointer(path: readonly PropertyKey[]): string {
  return ['#', ...path.map((key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1'))].join('/');
}

/** everit's type names (org.json classes). */
function everitType(expected: string): string {
  const names: Record<string, string> = {
    string: 'String',
    number: 'Number',
    int: 'Integer',
    boolean: 'Boolean',
    object: 'JSONObject',
    array: 'JSONArray',
    null: 'Null',
  };
  return names[expected] ?? expected;
}

function jsonTypeName(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'JSONArray';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'BigDecimal';
  if (typeof value === 'object') return 'JSONObject';
  return everitType(typeof value);
}

function lengthOf(value: unknown): number {
  return typeof value === 'string' || Array.isArray(value) ? value.length : 0;
}
