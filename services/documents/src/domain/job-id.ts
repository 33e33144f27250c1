/**
 * What a job id looks like. Ids come from the URL, so anything else is answered exactly like a
 * job that does not exist (and never reaches PostgreSQL, where a non-UUID would be a type error).
 * @module
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a UUID in its canonical text form (any version).
 *
 * @example
 * ```ts
 * isJobId('0b6c7a8e-2f1d-4c3b-9a8e-1d2c3b4a5f60'); // true
 * isJobId('42');                                   // false
 * ```
 */
export function isJobId(value: string): boolean {
  return UUID.test(value);
}
