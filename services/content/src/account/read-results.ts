/**
 * Every lab result of the user for the export: the decrypted interpretation of each content
 * (`contents.interpretation_enc`) and, separately, the rows of `lab_values` (each decrypted from
 * its own row), so the export holds exactly what each table stores, with the value row ids the
 * FHIR bundle uses as resource ids.
 * @module
 */
import type { Kysely } from 'kysely';
import { readLabContent } from '#shared/content/index.ts';
import { mapWithConcurrency } from '#shared/content/map-with-concurrency.ts';
import { parseStoredJson } from '#shared/content/parse-stored-json.ts';
import { labValueContext } from '#shared/content/phi-columns.ts';
import type { PhiCipher } from '#shared/crypto/index.ts';
import type { Database } from '#shared/db/schema.ts';
import { LabValueSchema, type LabInterpretation, type LabValue } from '#shared/interpretation/lab-interpretation.ts';

const DECRYPT_CONCURRENCY = 8;

/** One `lab_values` row, decrypted. */
export interface ExportedLabValue extends LabValue {
  id: string;
  position: number;
}

export interface ExportedResult {
  id: string;
  jobId: string;
  title: string;
  documentDate: string | null;
  summary: string;
  /** ISO 8601. */
  createdAt: string;
  interpretation: LabInterpretation;
  labValues: ExportedLabValue[];
}

/** The user's results, oldest first. */
export async function readResults(db: Kysely<Database>, cipher: PhiCipher, userId: string): Promise<ExportedResult[]> {
  const contents = await db.selectFrom('contents').select('id').where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  const valueRows = await db
    .selectFrom('lab_values')
    .select(['id', 'user_id', 'content_id', 'position', 'value_enc'])
    .where('user_id', '=', userId)
    .orderBy('content_id')
    .orderBy('position')
    .execute();
  const values = await mapWithConcurrency(valueRows, DECRYPT_CONCURRENCY, async (row) => ({
    contentId: row.content_id,
    value: { id: row.id, position: row.position, ...parseStoredJson(await cipher.decrypt(row.value_enc, labValueContext(row.user_id, row.id)), LabValueSchema, 'lab_values', row.id) },
  }));

  const results = await mapWithConcurrency(contents, DECRYPT_CONCURRENCY, async ({ id }) => {
    const content = await readLabContent(db, cipher, userId, id);
    if (!content) return undefined; // deleted between the two reads
    return {
      id: content.id,
      jobId: content.jobId,
      title: content.title,
      documentDate: content.documentDate,
      summary: content.summary,
      createdAt: content.createdAt,
      interpretation: content.interpretation,
      labValues: values.filter((v) => v.contentId === content.id).map((v) => v.value),
    } satisfies ExportedResult;
  });
  return results.filter((r): r is ExportedResult => r !== undefined);
}
