/**
 * Document processing jobs: one per accepted upload. The status only moves forward through
 * conditional updates (uploaded → queued → processing → completed | failed; failed → queued on
 * retry), which is what makes redelivered queue messages harmless. `processing_started_at`
 * lets a stale `processing` job be found and recovered. The idempotency key is unique per
 * user while set; the application clears it once it is older than 24 h.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE document_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'queued', 'processing', 'completed', 'failed')),
      object_key text NOT NULL,
      media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      idempotency_key text CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 1 AND 255),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      error_code text CHECK (error_code IS NULL OR error_code ~ '^[A-Z_]+$'),
      error_message text,
      error_retryable boolean,
      content_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      processing_started_at timestamptz,
      completed_at timestamptz,
      CHECK ((status = 'failed') = (error_code IS NOT NULL)),
      CHECK ((status = 'completed') = (content_id IS NOT NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX document_jobs_idempotency_idx ON document_jobs (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL`.execute(db);
  await sql`CREATE INDEX document_jobs_user_created_idx ON document_jobs (user_id, created_at)`.execute(db);
  await sql`CREATE INDEX document_jobs_stale_idx ON document_jobs (processing_started_at) WHERE status = 'processing'`.execute(db);
}
