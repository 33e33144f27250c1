/**
 * E-mail and name are identifying data: they become AWS Encryption SDK ciphertext bound to
 * the user's row, like every PHI column, so a raw SELECT of users shows none of them. Users
 * are found by Google `sub`, never by e-mail, so nothing needs the plaintext to query. No
 * deployment holds users yet; a later one with data would backfill before dropping.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN email_enc bytea, ADD COLUMN name_enc bytea`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN email, DROP COLUMN name`.execute(db);
  await sql`ALTER TABLE users ALTER COLUMN email_enc SET NOT NULL`.execute(db);
}
