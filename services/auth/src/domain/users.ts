/**
 * Users are keyed by Google's `sub`, which never changes; the e-mail address can change and
 * can be reassigned, so it is never used to find a user. E-mail and name are stored encrypted
 * and bound to the user's row, so the row id is chosen before the first insert.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { PhiCipher } from '#shared/crypto/index.ts';
import type { Database } from '#shared/db/schema.ts';
import type { GoogleIdentity } from './google-id-token-verifier.ts';

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
}

async function encryptIdentity(cipher: PhiCipher, userId: string, identity: GoogleIdentity) {
  const [email, name] = await Promise.all([
    cipher.encrypt(identity.email, { userId, table: 'users', rowId: userId, column: 'email_enc' }),
    identity.name === null ? null : cipher.encrypt(identity.name, { userId, table: 'users', rowId: userId, column: 'name_enc' }),
  ]);
  return { email_enc: email, name_enc: name };
}

/** Creates the user on first sign-in, refreshes e-mail and name on every later one. */
export async function upsertUserFromGoogle(db: Kysely<Database>, cipher: PhiCipher, identity: GoogleIdentity): Promise<SignedInUser> {
  const existing = await db.selectFrom('users').select('id').where('google_sub', '=', identity.sub).executeTakeFirst();
  let id = existing?.id;
  if (!id) {
    const newId = randomUUID();
    const inserted = await db
      .insertInto('users')
      .values({ id: newId, google_sub: identity.sub, ...(await encryptIdentity(cipher, newId, identity)) })
      .onConflict((oc) => oc.column('google_sub').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, email: identity.email, name: identity.name };
    // A concurrent first sign-in of the same account won the insert: update that row instead.
    id = (await db.selectFrom('users').select('id').where('google_sub', '=', identity.sub).executeTakeFirstOrThrow()).id;
  }
  await db
    .updateTable('users')
    .set({ ...(await encryptIdentity(cipher, id, identity)), updated_at: sql<Date>`now()`, last_sign_in_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
  return { id, email: identity.email, name: identity.name };
}

/** The user's e-mail and name, decrypted (for the account export). */
export async function readUserIdentity(db: Kysely<Database>, cipher: PhiCipher, userId: string): Promise<SignedInUser | undefined> {
  const row = await db.selectFrom('users').select(['id', 'email_enc', 'name_enc']).where('id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  const [email, name] = await Promise.all([
    cipher.decrypt(row.email_enc, { userId, table: 'users', rowId: userId, column: 'email_enc' }),
    row.name_enc ? cipher.decrypt(row.name_enc, { userId, table: 'users', rowId: userId, column: 'name_enc' }) : null,
  ]);
  return { id: row.id, email, name };
}
