/**
 * Chat messages about a result (text encrypted, bound to owner, row and column), and a
 * per-user content version: the processor bumps it in the transaction that stores a result, so
 * a timeline cached in another Lambda container can tell it is stale with one cheap read.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE chat_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      content_id uuid NOT NULL REFERENCES contents (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('user', 'assistant')),
      text_enc bytea NOT NULL,
      model_id text,
      input_tokens integer CHECK (input_tokens IS NULL OR input_tokens >= 0),
      output_tokens integer CHECK (output_tokens IS NULL OR output_tokens >= 0),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`.execute(db);
  await sql`CREATE INDEX chat_messages_conversation_idx ON chat_messages (content_id, created_at, id)`.execute(db);
  await sql`CREATE INDEX chat_messages_user_month_idx ON chat_messages (user_id, created_at) WHERE role = 'user'`.execute(db);

  await sql`
    CREATE TABLE user_content_versions (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      version bigint NOT NULL DEFAULT 1
    )`.execute(db);
}
