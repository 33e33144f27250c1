/**
 * Parses decrypted JSON through a zod schema, turning any failure into a CorruptContentError that
 * carries no plaintext (see corrupt-content-error.ts).
 *
 * @example
 * ```ts
 * const interpretation = parseStoredJson(text, LabInterpretationSchema, 'contents', contentId);
 * ```
 * @module
 */
import type { z } from 'zod';
import { CorruptContentError } from './corrupt-content-error.ts';

/**
 * The parsed, validated value; CorruptContentError naming `table`/`rowId` otherwise.
 *
 * @example
 * ```ts
 * const value = parseStoredJson(text, LabValueSchema, 'lab_values', row.id);
 * ```
 */
export function parseStoredJson<S extends z.ZodType>(text: string, schema: S, table: string, rowId: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CorruptContentError(table, rowId);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CorruptContentError(table, rowId, parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)'));
  return parsed.data;
}
