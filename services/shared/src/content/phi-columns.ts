/**
 * The encryption contexts of the content tables' ciphertext columns: every `*_enc` value is
 * bound to its owner, its table, its own row id and its column. A lab value is bound to its own
 * `lab_values.id`, not to the content, so two values of one report cannot be swapped either.
 *
 * @example
 * ```ts
 * await cipher.encrypt(summary, contentsContext(userId, contentId, 'summary_enc'));
 * await cipher.decrypt(row.value_enc, labValueContext(row.user_id, row.id));
 * ```
 * @module
 */
import type { PhiContext } from '../crypto/phi-context.ts';

/** The ciphertext columns of `contents`. */
export type ContentsPhiColumn = 'title_enc' | 'document_date_enc' | 'summary_enc' | 'interpretation_enc';

/**
 * The context of a `contents` ciphertext column.
 *
 * @example
 * ```ts
 * contentsContext(userId, contentId, 'title_enc'); // { userId, table: 'contents', rowId: contentId, column: 'title_enc' }
 * ```
 */
export function contentsContext(userId: string, contentId: string, column: ContentsPhiColumn): PhiContext {
  return { userId, table: 'contents', rowId: contentId, column };
}

/**
 * The context of a `lab_values.value_enc`, bound to the value's own row.
 *
 * @example
 * ```ts
 * labValueContext(userId, labValueId); // { userId, table: 'lab_values', rowId: labValueId, column: 'value_enc' }
 * ```
 */
export function labValueContext(userId: string, labValueId: string): PhiContext {
  return { userId, table: 'lab_values', rowId: labValueId, column: 'value_enc' };
}
