/**
 * Turns an interpretation into the rows of `contents` and `lab_values`, encrypted and ready to
 * insert, without touching the database. Row ids are chosen here, before encrypting, because
 * each ciphertext is bound to its own row id.
 *
 * Kept apart from the insert so the processor can encrypt (≈ one KMS call per value) before it
 * opens the transaction that stores the content and completes the job: a transaction should not
 * hold its locks across hundreds of network round trips.
 *
 * @example
 * ```ts
 * const encrypted = await encryptLabContent(cipher, { userId, jobId, modelId, interpretation });
 * await db.transaction().execute(async (trx) => {
 *   await insertLabContent(trx, encrypted);
 *   await completeJob(trx, jobId, encrypted.contentId);
 * });
 * ```
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { PhiCipher } from '../crypto/phi-cipher.ts';
import type { ContentsTable, LabValuesTable } from '../db/schema.ts';
import { LabInterpretationSchema, type LabInterpretation } from '../interpretation/lab-interpretation.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { contentsContext, labValueContext } from './phi-columns.ts';

export interface NewLabContent {
  userId: string;
  jobId: string;
  /** The Bedrock model that produced the interpretation (plaintext: not PHI). */
  modelId: string;
  interpretation: LabInterpretation;
}

export interface EncryptedLabContent {
  contentId: string;
  content: Insertable<ContentsTable> & { id: string };
  labValues: (Insertable<LabValuesTable> & { id: string })[];
}

/** KMS calls in flight per content. */
const ENCRYPT_CONCURRENCY = 8;

/**
 * Encrypts title, document date (when present), summary and the whole interpretation into the
 * contents row, and each lab value as JSON into its own lab_values row (position = index).
 * Only counts stay plain: `value_count` and `flagged_count` (values whose flag is not `normal`).
 * The interpretation is validated first, so nothing is stored that could not be read back.
 *
 * @example
 * ```ts
 * const { contentId, content, labValues } = await encryptLabContent(cipher, input);
 * ```
 */
export async function encryptLabContent(cipher: PhiCipher, input: NewLabContent): Promise<EncryptedLabContent> {
  const interpretation = LabInterpretationSchema.parse(input.interpretation);
  const { userId } = input;
  const contentId = randomUUID();
  const labValueIds = interpretation.labValues.map(() => randomUUID());

  const [titleEnc, documentDateEnc, summaryEnc, interpretationEnc] = await Promise.all([
    cipher.encrypt(interpretation.title, contentsContext(userId, contentId, 'title_enc')),
    interpretation.documentDate === null ? null : cipher.encrypt(interpretation.documentDate, contentsContext(userId, contentId, 'document_date_enc')),
    cipher.encrypt(interpretation.summary, contentsContext(userId, contentId, 'summary_enc')),
    cipher.encrypt(JSON.stringify(interpretation), contentsContext(userId, contentId, 'interpretation_enc')),
  ]);
  const valueEncs = await mapWithConcurrency(interpretation.labValues, ENCRYPT_CONCURRENCY, (value, index) =>
    cipher.encrypt(JSON.stringify(value), labValueContext(userId, labValueIds[index] as string)),
  );

  return {
    contentId,
    content: {
      id: contentId,
      user_id: userId,
      job_id: input.jobId,
      title_enc: titleEnc,
      document_date_enc: documentDateEnc,
      summary_enc: summaryEnc,
      interpretation_enc: interpretationEnc,
      flagged_count: interpretation.labValues.filter((value) => value.flag !== 'normal').length,
      value_count: interpretation.labValues.length,
      model_id: input.modelId,
    },
    labValues: valueEncs.map((valueEnc, position) => ({
      id: labValueIds[position] as string,
      content_id: contentId,
      user_id: userId,
      position,
      value_enc: valueEnc,
    })),
  };
}
