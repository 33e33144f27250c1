/**
 * The value a zod issue is about, read back from the raw input: zod 4 does not keep it on the
 * issue, and both of Bedrock's error styles quote it ("found: String", "Value '0' at …").
 * @module
 */

/**
 * The value at `path` in `root`, or undefined where the path leaves the data.
 *
 * @example
 * ```ts
 * valueAtPath({ messages: [{ role: 'bot' }] }, ['messages', 0, 'role']); // 'bot'
 * ```
 */
export function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
