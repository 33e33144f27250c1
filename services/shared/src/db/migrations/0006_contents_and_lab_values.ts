/**
 * Interpretation results. Every PHI column is AWS Encryption SDK ciphertext (bytea) whose
 * encryption context binds it to its owner, table, row and column, so a raw SELECT shows no
 * PHI and a ciphertext copied to another row or user does not decrypt. Only what ordering and
 * counting need stays plain: ids, owner, position, times and the number of flagged values.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE contents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      job_id uuid NOT NULL UNIQUE REFERENCES document_jobs (id) ON DELETE CASCADE,
      document_type text NOT NULL DEFAULT 'lab_results' CHECK (document_type IN ('lab_results')),
      title_enc bytea NOT NULL,
      document_date_enc bytea,
      summary_enc bytea NOT NULL,
      interpretation_enc bytea NOT NULL,
      flagged_count integer NOT NULL CHECK (flagged_count >= 0),
      value_count integer NOT NULL CHECK (value_count >= 0),
      model_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX contents_user_created_idx ON contents (user_id, created_at DESC, id DESC)`.execute(db);
  await sql`ALTER TABLE document_jobs ADD CONSTRAINT document_jobs_content_fk FOREIGN KEY (content_id) REFERENCES contents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED`.execute(db);

  await sql`
    CREATE TABLE lab_values (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      content_id uuid NOT NULL REFERENCES contents (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position >= 0),
      value_enc bytea NOT NULL,
      UNIQUE (content_id, position)
    )`.execute(db);
}
