/**
 * Subscription plans and each user's plan. A user without a subscription row is on `free`,
 * so every new user has the default plan without a write at sign-up. Limits are Serenya's
 * choice (the original design names plans but no numbers): free 5 documents and 50 chat
 * messages a month, premium 100 and 1,000.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE plans (
      id text PRIMARY KEY CHECK (id ~ '^[a-z]+$'),
      documents_per_month integer NOT NULL CHECK (documents_per_month >= 0),
      chat_messages_per_month integer NOT NULL CHECK (chat_messages_per_month >= 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`INSERT INTO plans (id, documents_per_month, chat_messages_per_month) VALUES ('free', 5, 50), ('premium', 100, 1000)`.execute(db);

  await sql`
    CREATE TABLE subscriptions (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      plan_id text NOT NULL REFERENCES plans (id) DEFAULT 'free',
      started_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}
