/**
 * Zod issues of a tool input, as short lines for the model's second try: the path into the
 * input and zod's message. Zod's messages name expected types and limits, not the received
 * value, so the lines carry no text from the document; they are still only sent to the model,
 * never logged (the logs get the paths, see `problemPaths`).
 *
 * @example
 * ```ts
 * const parsed = LabInterpretationSchema.safeParse(input);
 * if (!parsed.success) validationProblems(parsed.error); // ['labValues.0.flag: Invalid option: …']
 * ```
 * @module
 */
import type { z } from 'zod';

/** At most this many lines: enough to fix an answer, short enough to stay cheap. */
export const MAX_PROBLEMS = 20;

/**
 * One line per issue (`path: message`), at most {@link MAX_PROBLEMS}, then a count of the rest.
 *
 * @example
 * ```ts
 * validationProblems(error); // ['(input): Invalid input: expected object, received undefined']
 * ```
 */
export function validationProblems(error: z.ZodError): string[] {
  const lines = error.issues.slice(0, MAX_PROBLEMS).map((issue) => `${pathOf(issue.path)}: ${issue.message}`);
  const more = error.issues.length - MAX_PROBLEMS;
  if (more > 0) lines.push(`… and ${String(more)} more problems`);
  return lines;
}

/**
 * The distinct issue paths, for logs (no messages: only the schema's own field names).
 *
 * @example
 * ```ts
 * problemPaths(error); // ['labValues.0.flag', 'summary']
 * ```
 */
export function problemPaths(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => pathOf(issue.path)))].slice(0, MAX_PROBLEMS);
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(input)' : path.map(String).join('.');
}
