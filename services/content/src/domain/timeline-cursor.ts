/**
 * The timeline's opaque cursor: base64url of the last row's exact `created_at` (microseconds,
 * as PostgreSQL stores it; a JS Date would drop them and skip or repeat rows) and its id, the
 * keyset the next page starts after. Decoding accepts only what encoding produces, so a
 * tampered or made-up cursor is a 400, never a query error.
 *
 * @example
 * ```ts
 * const cursor = encodeTimelineCursor({ createdAt: '2026-03-14T09:30:00.123456Z', id });
 * decodeTimelineCursor(cursor); // { createdAt: '2026-03-14T09:30:00.123456Z', id }
 * decodeTimelineCursor('garbage'); // undefined
 * ```
 * @module
 */
import { isUuid } from '#shared/content/is-uuid.ts';

export interface TimelinePosition {
  /** UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  createdAt: string;
  id: string;
}

const EXACT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** Far longer than any cursor encodeTimelineCursor makes (about 110 characters). */
export const MAX_CURSOR_LENGTH = 200;

function isExactTimestamp(value: string): boolean {
  if (!EXACT_TIMESTAMP.test(value)) return false;
  const date = new Date(`${value.slice(0, 19)}Z`);
  // Rejects impossible dates such as month 13 or February 30, which Date would roll over.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === value.slice(0, 19);
}

export function encodeTimelineCursor(position: TimelinePosition): string {
  return Buffer.from(JSON.stringify({ c: position.createdAt, i: position.id }), 'utf8').toString('base64url');
}

/** The position, or undefined when `cursor` is not one encodeTimelineCursor made. */
export function decodeTimelineCursor(cursor: string): TimelinePosition | undefined {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { c, i, ...rest } = parsed as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof c !== 'string' || typeof i !== 'string') return undefined;
  if (!isExactTimestamp(c) || !isUuid(i)) return undefined;
  const position = { createdAt: c, id: i.toLowerCase() };
  // Only the canonical spelling: base64url decoding is lenient about trailing bits.
  return encodeTimelineCursor({ createdAt: c, id: i }) === cursor ? position : undefined;
}
