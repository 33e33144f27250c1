/**
 * Reads one of a user's contents back, decrypted and validated.
 *
 * Only `interpretation_enc` is decrypted: it holds the whole interpretation (title, date,
 * summary, values), so a read costs one KMS call instead of four plus one per value. The other
 * ciphertext columns serve lists (title, date, summary: content-summary.ts) and per-value access
 * (read-lab-values.ts). Writing the audit event is the caller's part: it knows the request.
 *
 * @example
 * ```ts
 * const content = await readLabContent(db, phiCipher(), user.id, contentId);
 * if (!content) throw AppError.notFound();
 * ```
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import type { PhiCipher } from '../crypto/phi-cipher.ts';
import type { Database } from '../db/schema.ts';
import { LabInterpretationSchema, type LabInterpretation, type LabValue } from '../interpretation/lab-interpretation.ts';
import { isUuid } from './is-uuid.ts';
import { parseStoredJson } from './parse-stored-json.ts';
import { contentsContext } from './phi-columns.ts';

export interface LabContent {
  id: string;
  jobId: string;
  title: string;
  /** ISO yyyy-mm-dd, when the report prints one. */
  documentDate: string | null;
  summary: string;
  interpretation: LabInterpretation;
  labValues: LabValue[];
  /** Values whose flag is not `normal`. */
  flaggedCount: number;
  /** ISO 8601 timestamp. */
  createdAt: string;
  modelId: string;
}

/**
 * The content, or undefined when there is none with this id for this user (another user's
 * content is "not found", never "forbidden", so ids cannot be probed). Throws PhiDecryptionError
 * when the ciphertext does not decrypt for this row, and CorruptContentError when it decrypts
 * to something that is not a valid interpretation.
 *
 * @example
 * ```ts
 * const content = await readLabContent(db, cipher, userId, contentId);
 * ```
 */
export async function readLabContent(db: Kysely<Database> | Transaction<Database>, cipher: PhiCipher, userId: string, contentId: string): Promise<LabContent | undefined> {
  if (!isUuid(contentId) || !isUuid(userId)) return undefined;
  const row = await db
    .selectFrom('contents')
    .select(['id', 'user_id', 'job_id', 'interpretation_enc', 'flagged_count', 'model_id', 'created_at'])
    .where('id', '=', contentId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;

  // The row's own user_id, not the caller's spelling of it: the context binds what is stored.
  const text = await cipher.decrypt(row.interpretation_enc, contentsContext(row.user_id, row.id, 'interpretation_enc'));
  const interpretation = parseStoredJson(text, LabInterpretationSchema, 'contents', row.id);
  return {
    id: row.id,
    jobId: row.job_id,
    title: interpretation.title,
    documentDate: interpretation.documentDate,
    summary: interpretation.summary,
    interpretation,
    labValues: interpretation.labValues,
    flaggedCount: row.flagged_count,
    createdAt: row.created_at.toISOString(),
    modelId: row.model_id,
  };
}
