/**
 * The user's profile for the export: id, e-mail and name decrypted, creation and last sign-in time.
 *
 * Re-implements the two decrypts of the auth service's `readUserIdentity` (same contexts:
 * user, `users`, the user's own row, `email_enc` / `name_enc`) rather than importing across
 * services: each Lambda bundles only its own service and shared code.
 * @module
 */
import type { Kysely } from 'kysely';
import type { PhiCipher } from '#shared/crypto/index.ts';
import type { Database } from '#shared/db/schema.ts';

export interface AccountProfile {
  id: string;
  email: string;
  name: string | null;
  /** ISO 8601. */
  createdAt: string;
  lastSignInAt: string;
}

/** The profile, or undefined when the user row is gone (erased, token still valid). */
export async function readProfile(db: Kysely<Database>, cipher: PhiCipher, userId: string): Promise<AccountProfile | undefined> {
  const row = await db.selectFrom('users').select(['id', 'email_enc', 'name_enc', 'created_at', 'last_sign_in_at']).where('id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  const [email, name] = await Promise.all([
    cipher.decrypt(row.email_enc, { userId: row.id, table: 'users', rowId: row.id, column: 'email_enc' }),
    row.name_enc ? cipher.decrypt(row.name_enc, { userId: row.id, table: 'users', rowId: row.id, column: 'name_enc' }) : null,
  ]);
  return { id: row.id, email, name, createdAt: row.created_at.toISOString(), lastSignInAt: row.last_sign_in_at.toISOString() };
}
