/**
 * The user's sign-in sessions for the export: one per refresh-token family, with when it began,
 * when it expires and whether (and why) it was revoked. Token hashes stay out: they identify a
 * credential, not the person, and are useless to anyone but an attacker.
 * @module
 */
import type { Kysely } from 'kysely';
import type { Database } from '#shared/db/schema.ts';

export interface ExportedSession {
  id: string;
  /** ISO 8601. */
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

export async function readSessions(db: Kysely<Database>, userId: string): Promise<ExportedSession[]> {
  const rows = await db
    .selectFrom('refresh_token_families')
    .select(['id', 'created_at', 'expires_at', 'revoked_at', 'revoked_reason'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedReason: row.revoked_reason,
  }));
}
