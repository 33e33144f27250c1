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
  /** Encrypted (see services/shared/src/crypto); context binds user, `users`, row, column. */
  email_enc: Buffer;
  name_enc: Buffer | null;
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

export interface PlansTable {
  id: string;
  documents_per_month: number;
  chat_messages_per_month: number;
  created_at: CreatedAt;
}

export interface SubscriptionsTable {
  user_id: string;
  plan_id: ColumnType<string, string | undefined, string>;
  started_at: CreatedAt;
  updated_at: Timestamp;
}

export const JobStatuses = ['uploaded', 'queued', 'processing', 'completed', 'failed'] as const;
export type JobStatus = (typeof JobStatuses)[number];

export const DocumentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof DocumentMediaTypes)[number];

export interface DocumentJobsTable {
  id: Generated<string>;
  user_id: string;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  /** `jobs/{jobId}_original` in the temp bucket. */
  object_key: string;
  media_type: DocumentMediaType;
  size_bytes: number;
  idempotency_key: string | null;
  /** Processing attempts started (each queue delivery that got past the status guard). */
  attempts: ColumnType<number, number | undefined, number>;
  error_code: string | null;
  /** A fixed public message per code; never text from the document or the model. */
  error_message: string | null;
  error_retryable: boolean | null;
  content_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  processing_started_at: Date | null;
  completed_at: Date | null;
}

/** Ciphertext columns (`*_enc`) hold AWS Encryption SDK messages; see services/shared/src/crypto. */
export interface ContentsTable {
  id: Generated<string>;
  user_id: string;
  job_id: string;
  document_type: ColumnType<'lab_results', 'lab_results' | undefined, never>;
  title_enc: Buffer;
  document_date_enc: Buffer | null;
  summary_enc: Buffer;
  interpretation_enc: Buffer;
  flagged_count: number;
  value_count: number;
  model_id: string;
  created_at: CreatedAt;
}

export interface LabValuesTable {
  id: Generated<string>;
  content_id: string;
  user_id: string;
  position: number;
  /** One LabValue (name, value, unit, range, flag, explanation) as encrypted JSON. */
  value_enc: Buffer;
}

export const ChatRoles = ['user', 'assistant'] as const;
export type ChatRole = (typeof ChatRoles)[number];

export interface ChatMessagesTable {
  id: Generated<string>;
  user_id: string;
  content_id: string;
  role: ChatRole;
  /** Encrypted message text; context binds user, `chat_messages`, row, `text_enc`. */
  text_enc: Buffer;
  model_id: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  created_at: CreatedAt;
}

export interface UserContentVersionsTable {
  user_id: string;
  version: ColumnType<string, string | number | undefined, string | number>;
}

export interface Database {
  users: UsersTable;
  refresh_token_families: RefreshTokenFamiliesTable;
  refresh_tokens: RefreshTokensTable;
  audit_events: AuditEventsTable;
  plans: PlansTable;
  subscriptions: SubscriptionsTable;
  document_jobs: DocumentJobsTable;
  contents: ContentsTable;
  lab_values: LabValuesTable;
  chat_messages: ChatMessagesTable;
  user_content_versions: UserContentVersionsTable;
}

export type DocumentJob = Selectable<DocumentJobsTable>;

export type User = Selectable<UsersTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
