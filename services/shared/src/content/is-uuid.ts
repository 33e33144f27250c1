/**
 * Whether `value` has the shape of a UUID. Ids from URLs are checked before they reach a `uuid`
 * column, where PostgreSQL would answer a malformed one with an error (a 500) instead of "no
 * such row" (a 404).
 *
 * @example
 * ```ts
 * if (!isUuid(contentId)) return undefined;
 * ```
 * @module
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * @example
 * ```ts
 * isUuid('7f1c0a52-3d7e-4a8e-9c1b-2b8f0d4e6a10'); // true
 * isUuid('1 OR 1=1'); // false
 * ```
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
