/**
 * The database as Kysely sees it: one interface per table. Migrations in `migrations/` are the
 * truth; this file mirrors them for typed queries and changes in the same commit.
 * @module
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: Generated<string>;
  google_sub: string;
  email: string;
  name: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  last_sign_in_at: Timestamp;
}

export interface RefreshTokenFamiliesTable {
  id: Generated<string>;
  user_id: string;
  created_at: CreatedAt;
  /** Absolute end of the family: no rotation extends it. */
  expires_at: ColumnType<Date, Date | string, never>;
  revoked_at: ColumnType<Date | null, never, Date | string>;
  revoked_reason: ColumnType<string | null, never, string>;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  family_id: string;
  /** SHA-256 of the opaque token; the token itself is never stored. */
  token_hash: Buffer;
  created_at: CreatedAt;
  used_at: ColumnType<Date | null, never, Date | string>;
}

export const AuditOutcomes = ['success', 'failure'] as const;
export type AuditOutcome = (typeof AuditOutcomes)[number];

export interface AuditEventsTable {
  id: Generated<string>;
  occurred_at: CreatedAt;
  /** An opaque user id (never an e-mail or a name); null when the actor is unknown. */
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: AuditOutcome;
  /** A stable error code for failures; no free text, so no PHI. */
  reason: string | null;
  request_id: string;
}

export interface Database {
  users: UsersTable;
  refresh_token_families: RefreshTokenFamiliesTable;
  refresh_tokens: RefreshTokensTable;
  audit_events: AuditEventsTable;
}

export type User = Selectable<UsersTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
