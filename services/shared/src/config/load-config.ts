/**
 * Reads configuration from the environment once, through a zod schema whose keys are the
 * variable names. A missing or malformed value fails at start with a message naming every
 * bad variable, instead of failing later inside a request.
 *
 * @example
 * ```ts
 * const schema = z.object({ DATABASE_URL: z.url() });
 * const { DATABASE_URL } = loadConfig('database', schema); // throws ConfigError naming DATABASE_URL
 * ```
 * @module
 */
import type { z } from 'zod';

export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(concern: string, issues: ConfigIssue[]) {
    super(`Invalid ${concern} configuration: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export type Environment = Record<string, string | undefined>;

/** Parses `env` (default: process.env) with `schema`; empty strings count as unset. */
export function loadConfig<S extends z.ZodType>(concern: string, schema: S, env: Environment = process.env): z.output<S> {
  const cleaned: Environment = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    variable: issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)',
    message: issue.code === 'invalid_type' && issue.input === undefined ? 'is required but not set' : issue.message,
  }));
  throw new ConfigError(concern, issues);
}

/** Memoises a config reader so the environment is read once per process (Lambda container). */
export function once<T>(read: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: read() }).v;
}
