/**
 * Users are keyed by Google's `sub`, which never changes; the e-mail address can change and
 * can be reassigned, so it is stored but never used to find a user.
 * @module
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '#shared/db/schema.ts';
import type { GoogleIdentity } from './google-id-token-verifier.ts';

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
}

export async function upsertUserFromGoogle(db: Kysely<Database>, identity: GoogleIdentity): Promise<SignedInUser> {
  return db
    .insertInto('users')
    .values({ google_sub: identity.sub, email: identity.email, name: identity.name })
    .onConflict((oc) =>
      oc.column('google_sub').doUpdateSet({
        email: identity.email,
        name: identity.name,
        updated_at: sql<Date>`now()`,
        last_sign_in_at: sql<Date>`now()`,
      }),
    )
    .returning(['id', 'email', 'name'])
    .executeTakeFirstOrThrow();
}
