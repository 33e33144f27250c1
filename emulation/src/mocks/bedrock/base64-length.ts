/**
 * Decoded size of base64 text, computed without decoding: limits and image token estimates
 * need only the size, and images can be megabytes.
 * @module
 */

/**
 * Bytes that `data` decodes to.
 *
 * @example
 * ```ts
 * base64Length('aGVsbG8='); // 5
 * ```
 */
export function base64Length(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}
