/**
 * What a list of contents (the timeline) shows per row: title, document date and summary,
 * decrypted from their own columns, so a page of rows never decrypts whole interpretations.
 * `decryptContentSummary` works on a row the caller selected (with its own paging query,
 * selecting `CONTENT_SUMMARY_COLUMNS`); `readContentSummaries` selects given ids itself.
 *
 * @example
 * ```ts
 * const rows = await db.selectFrom('contents').select(CONTENT_SUMMARY_COLUMNS)
 *   .where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(20).execute();
 * const page = await Promise.all(rows.map((row) => decryptContentSummary(cipher, row)));
 * ```
 * @module
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PhiCipher } from '../crypto/phi-cipher.ts';
import type { ContentsTable, Database } from '../db/schema.ts';
import { isUuid } from './is-uuid.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { contentsContext } from './phi-columns.ts';

export interface ContentSummary {
  id: string;
  title: string;
  /** ISO yyyy-mm-dd, when the report prints one. */
  documentDate: string | null;
  /** ISO 8601 timestamp. */
  createdAt: string;
  summary: string;
  flaggedCount: number;
}

/** The columns `decryptContentSummary` needs; select exactly these. */
export const CONTENT_SUMMARY_COLUMNS = ['id', 'user_id', 'title_enc', 'document_date_enc', 'summary_enc', 'flagged_count', 'created_at'] as const;

export type ContentSummaryRow = Pick<Selectable<ContentsTable>, (typeof CONTENT_SUMMARY_COLUMNS)[number]>;

/** Rows decrypted at once by readContentSummaries (each costs up to three KMS calls). */
const DECRYPT_CONCURRENCY = 8;

/**
 * Decrypts a contents row's title, date and summary (three KMS calls at most, fewer when the
 * data keys are cached). Throws PhiDecryptionError for a value that is not this row's.
 *
 * @example
 * ```ts
 * const summary = await decryptContentSummary(cipher, row);
 * ```
 */
export async function decryptContentSummary(cipher: PhiCipher, row: ContentSummaryRow): Promise<ContentSummary> {
  const [title, documentDate, summary] = await Promise.all([
    cipher.decrypt(row.title_enc, contentsContext(row.user_id, row.id, 'title_enc')),
    row.document_date_enc === null ? null : cipher.decrypt(row.document_date_enc, contentsContext(row.user_id, row.id, 'document_date_enc')),
    cipher.decrypt(row.summary_enc, contentsContext(row.user_id, row.id, 'summary_enc')),
  ]);
  return { id: row.id, title, documentDate, createdAt: row.created_at.toISOString(), summary, flaggedCount: row.flagged_count };
}

/**
 * The summaries of those of `contentIds` that belong to `userId`, newest first (ids of other
 * users' contents, unknown or malformed ids are left out).
 *
 * @example
 * ```ts
 * const summaries = await readContentSummaries(db, cipher, userId, [a, b]);
 * ```
 */
export async function readContentSummaries(
  db: Kysely<Database> | Transaction<Database>,
  cipher: PhiCipher,
  userId: string,
  contentIds: readonly string[],
): Promise<ContentSummary[]> {
  const ids = contentIds.filter(isUuid);
  if (ids.length === 0 || !isUuid(userId)) return [];
  const rows = await db
    .selectFrom('contents')
    .select(CONTENT_SUMMARY_COLUMNS)
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return mapWithConcurrency(rows, DECRYPT_CONCURRENCY, (row) => decryptContentSummary(cipher, row));
}
