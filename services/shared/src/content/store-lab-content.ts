/**
 * Encrypts and inserts an interpretation in one call: `encryptLabContent` then
 * `insertLabContent`. Callable inside the caller's transaction; when the transaction rolls back,
 * nothing stays. Callers that hold a transaction open for other work should encrypt first and
 * insert inside (see encrypt-lab-content.ts). Writing the audit event is the caller's part: it
 * knows the request.
 *
 * @example
 * ```ts
 * const { contentId } = await storeLabContent(trx, phiCipher(), { userId, jobId, modelId, interpretation });
 * ```
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import type { PhiCipher } from '../crypto/phi-cipher.ts';
import type { Database } from '../db/schema.ts';
import { encryptLabContent, type NewLabContent } from './encrypt-lab-content.ts';
import { insertLabContent } from './insert-lab-content.ts';

/**
 * Encrypts `input` (ids chosen up front) and inserts it through `db`, which may be a transaction.
 *
 * @example
 * ```ts
 * const { contentId } = await storeLabContent(db, cipher, { userId, jobId, modelId, interpretation });
 * ```
 */
export async function storeLabContent(db: Kysely<Database> | Transaction<Database>, cipher: PhiCipher, input: NewLabContent): Promise<{ contentId: string }> {
  return insertLabContent(db, await encryptLabContent(cipher, input));
}
