/**
 * `Promise.all(items.map(work))` with at most `limit` calls in flight. Storing a 200-value report
 * means ~200 KMS calls; firing them all at once would spend the account's shared KMS request
 * quota in one burst and tie up the SDK's sockets, while a few at a time finish nearly as fast.
 *
 * @example
 * ```ts
 * const ciphertexts = await mapWithConcurrency(values, 8, (value) => cipher.encrypt(value, context));
 * ```
 * @module
 */
/**
 * Results in input order; rejects with the first failure (calls already started still finish).
 *
 * @example
 * ```ts
 * await mapWithConcurrency([1, 2, 3], 2, async (n) => n * 2); // [2, 4, 6]
 * ```
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
