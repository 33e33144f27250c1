/**
 * Thrown when a content's ciphertext decrypts (so it is authentic and ours) but the plaintext is
 * not a valid interpretation or lab value: a bug at write time, or a schema tightened without a
 * data migration. Readers never get such data back.
 *
 * The message names the row and the failing field paths only: JSON.parse and zod messages can
 * quote the input, which is PHI, so neither is kept.
 *
 * @example
 * ```ts
 * throw new CorruptContentError('contents', contentId, ['labValues.3.flag']);
 * ```
 * @module
 */
export class CorruptContentError extends Error {
  readonly table: string;
  readonly rowId: string;

  constructor(table: string, rowId: string, paths: readonly string[] = []) {
    super(`stored ${table} row ${rowId} does not hold a valid value${paths.length > 0 ? ` (invalid: ${paths.join(', ')})` : ' (not JSON)'}`);
    this.name = 'CorruptContentError';
    this.table = table;
    this.rowId = rowId;
  }
}
