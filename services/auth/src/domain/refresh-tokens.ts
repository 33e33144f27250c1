/**
 * Refresh tokens: opaque 256-bit random strings, stored only as SHA-256 hashes, grouped into a
 * family per sign-in. Every use rotates the token; a second use of a rotated token means it
 * was copied, so the whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 * A family ends at its absolute expiry (30 days after sign-in) whatever the rotations.
 *
 * Concurrency: the rotation is one conditional UPDATE (`used_at IS NULL`); PostgreSQL row
 * locking lets exactly one of two simultaneous refreshes with the same token win. A loser that
 * began before the winner committed (two tabs refreshing at once) is refused without revoking
 * the family, so the winner's session lives on; only a use that begins after the rotation
 * committed is a replay. To tell them apart the winner stamps `used_at` again with the clock
 * as its last statement, just before its commit, and the loser compares that with the start
 * of its own transaction.
 *
 * The caller finishes the rotation (signs the access token, writes the audit row) inside the
 * same transaction: should that fail, the old token stays unused, so the client's retry works
 * instead of reading as a replay that revokes the family.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '#shared/db/schema.ts';

export interface IssuedRefreshToken {
  refreshToken: string;
  familyId: string;
  expiresAt: Date;
}

export interface Rotation {
  userId: string;
  familyId: string;
  /** The successor token, to hand to the client. */
  refreshToken: string;
}

export type RotationOutcome<T> =
  | ({ kind: 'rotated'; result: T } & Rotation)
  | { kind: 'reused'; userId: string; familyId: string }
  /** Lost the race to a rotation that was still in flight when this attempt began. */
  | { kind: 'superseded'; userId: string; familyId: string }
  | { kind: 'invalid'; familyId?: string; userId?: string };

/** Runs inside the rotation's transaction; a throw rolls the rotation back. */
export type CompleteRotation<T> = (rotation: Rotation, trx: Transaction<Database>) => Promise<T>;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

async function insertToken(trx: Kysely<Database> | Transaction<Database>, familyId: string): Promise<string> {
  const token = newToken();
  await trx.insertInto('refresh_tokens').values({ family_id: familyId, token_hash: hashRefreshToken(token) }).execute();
  return token;
}

/** Starts a new family (one sign-in) for the user and returns its first token. */
export async function issueRefreshTokenFamily(db: Kysely<Database>, userId: string, ttlDays: number): Promise<IssuedRefreshToken> {
  return db.transaction().execute(async (trx) => {
    const family = await trx
      .insertInto('refresh_token_families')
      .values({ user_id: userId, expires_at: sql<Date>`now() + make_interval(days => ${ttlDays})` })
      .returning(['id', 'expires_at'])
      .executeTakeFirstOrThrow();
    const refreshToken = await insertToken(trx, family.id);
    return { refreshToken, familyId: family.id, expiresAt: family.expires_at };
  });
}

/**
 * Uses a refresh token once: rotates it and runs `complete` before committing, detects reuse
 * (and revokes), or rejects it.
 */
export async function rotateRefreshToken<T>(db: Kysely<Database>, token: string, complete: CompleteRotation<T>): Promise<RotationOutcome<T>> {
  if (!TOKEN_PATTERN.test(token)) return { kind: 'invalid' };
  const hash = hashRefreshToken(token);
  return db.transaction().execute(async (trx): Promise<RotationOutcome<T>> => {
    const claimed = await trx
      .updateTable('refresh_tokens')
      .set({ used_at: sql<Date>`now()` })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .where('family_id', 'in', (qb) =>
        qb.selectFrom('refresh_token_families').select('id').where('revoked_at', 'is', null).where('expires_at', '>', sql<Date>`now()`),
      )
      .returning('family_id')
      .executeTakeFirst();

    if (claimed) {
      const family = await trx.selectFrom('refresh_token_families').select('user_id').where('id', '=', claimed.family_id).executeTakeFirstOrThrow();
      const rotation = { userId: family.user_id, familyId: claimed.family_id, refreshToken: await insertToken(trx, claimed.family_id) };
      const result = await complete(rotation, trx);
      // The last statement before the commit: from here on, a new use of the token is a replay.
      await trx.updateTable('refresh_tokens').set({ used_at: sql<Date>`clock_timestamp()` }).where('token_hash', '=', hash).execute();
      return { kind: 'rotated', ...rotation, result };
    }

    const known = await trx
      .selectFrom('refresh_tokens as t')
      .innerJoin('refresh_token_families as f', 'f.id', 't.family_id')
      .select([
        't.used_at',
        'f.id as family_id',
        'f.user_id',
        'f.revoked_at',
        sql<boolean>`f.expires_at <= now()`.as('expired'),
        // now() is when this transaction began: before the rotation committed, the two overlapped.
        sql<boolean>`t.used_at > now()`.as('rotated_during_this_attempt'),
      ])
      .where('t.token_hash', '=', hash)
      .executeTakeFirst();
    if (!known) return { kind: 'invalid' };
    if (known.revoked_at !== null || known.expired) return { kind: 'invalid', familyId: known.family_id, userId: known.user_id };
    if (known.rotated_during_this_attempt) return { kind: 'superseded', familyId: known.family_id, userId: known.user_id };

    // Rotated already, family still live: a replay. Revoke the family so whoever holds the
    // newer token loses it too.
    await trx
      .updateTable('refresh_token_families')
      .set({ revoked_at: sql<Date>`now()`, revoked_reason: 'reuse_detected' })
      .where('id', '=', known.family_id)
      .where('revoked_at', 'is', null)
      .execute();
    return { kind: 'reused', userId: known.user_id, familyId: known.family_id };
  });
}

/** Revokes the family of `token` if it belongs to `userId`; true when a live family was revoked. */
export async function revokeRefreshTokenFamily(db: Kysely<Database>, userId: string, token: string): Promise<{ revoked: boolean; familyId?: string }> {
  if (!TOKEN_PATTERN.test(token)) return { revoked: false };
  const row = await db
    .updateTable('refresh_token_families')
    .set({ revoked_at: sql<Date>`now()`, revoked_reason: 'logout' })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('id', '=', (qb) => qb.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', hashRefreshToken(token)))
    .returning('id')
    .executeTakeFirst();
  return row ? { revoked: true, familyId: row.id } : { revoked: false };
}
