/**
 * Reads the lab values of one of a user's contents from `lab_values`, each decrypted from its
 * own row and validated, in report order. For features that need values without the whole
 * interpretation (trends of one analyte across reports, a later issue).
 *
 * @example
 * ```ts
 * const values = await readLabValues(db, phiCipher(), user.id, contentId);
 * ```
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import type { PhiCipher } from '../crypto/phi-cipher.ts';
import type { Database } from '../db/schema.ts';
import { LabValueSchema, type LabValue } from '../interpretation/lab-interpretation.ts';
import { isUuid } from './is-uuid.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { parseStoredJson } from './parse-stored-json.ts';
import { labValueContext } from './phi-columns.ts';

const DECRYPT_CONCURRENCY = 8;

/**
 * The values in position order; an empty list for a content that is not the user's or has no
 * values. Throws PhiDecryptionError for a value that does not decrypt for its own row (e.g. two
 * rows' value_enc swapped), CorruptContentError for one that is not a valid LabValue.
 *
 * @example
 * ```ts
 * const [first] = await readLabValues(db, cipher, userId, contentId);
 * ```
 */
export async function readLabValues(db: Kysely<Database> | Transaction<Database>, cipher: PhiCipher, userId: string, contentId: string): Promise<LabValue[]> {
  if (!isUuid(contentId) || !isUuid(userId)) return [];
  const rows = await db
    .selectFrom('lab_values')
    .select(['id', 'user_id', 'value_enc'])
    .where('content_id', '=', contentId)
    .where('user_id', '=', userId)
    .orderBy('position')
    .execute();
  return mapWithConcurrency(rows, DECRYPT_CONCURRENCY, async (row) =>
    parseStoredJson(await cipher.decrypt(row.value_enc, labValueContext(row.user_id, row.id)), LabValueSchema, 'lab_values', row.id),
  );
}
