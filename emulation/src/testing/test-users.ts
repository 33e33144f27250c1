/**
 * Inserts a user row for tests that need an owner but never read the user's identity. E-mail
 * and name are ciphertext columns; a fixed placeholder stands in for them here (tests of the
 * real encryption go through the auth service's sign-in).
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../services/shared/src/db/schema.ts';

export const PLACEHOLDER_CIPHERTEXT = Buffer.from('test placeholder, not a ciphertext');

/**
 * @example
 * ```ts
 * const userId = await insertTestUser(admin.db);
 * const premium = await insertTestUser(admin.db, undefined, 'premium');
 * ```
 */
export async function insertTestUser(db: Kysely<Database>, googleSub = `google-${randomUUID()}`, plan?: 'free' | 'premium'): Promise<string> {
  const { id } = await db.insertInto('users').values({ google_sub: googleSub, email_enc: PLACEHOLDER_CIPHERTEXT }).returning('id').executeTakeFirstOrThrow();
  // No subscription row means the free plan; a row only for another plan.
  if (plan) await db.insertInto('subscriptions').values({ user_id: id, plan_id: plan }).execute();
  return id;
}
