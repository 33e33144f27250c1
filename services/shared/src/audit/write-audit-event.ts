/**
 * Appends one audit event: who (an opaque user id, or null when unknown), did what, to which
 * resource, with what outcome, in which request. Never e-mails, names, tokens or free text.
 *
 * @example
 * ```ts
 * await writeAuditEvent(db, { actorId: user.id, action: AuditActions.signIn, resourceType: 'user',
 *   resourceId: user.id, outcome: 'success', requestId });
 * ```
 * @module
 */
import type { Kysely } from 'kysely';
import { logger } from '../observability/logger.ts';
import type { AuditOutcome, Database } from '../db/schema.ts';
import type { AuditAction } from './audit-actions.ts';

export interface AuditEvent {
  actorId: string | null;
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  outcome: AuditOutcome;
  /** An error code (`INVALID_GOOGLE_TOKEN`), for failures. */
  reason?: string | null;
  requestId: string;
}

export async function writeAuditEvent(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_id: event.actorId,
      action: event.action,
      resource_type: event.resourceType,
      resource_id: event.resourceId ?? null,
      outcome: event.outcome,
      reason: event.reason ?? null,
      request_id: event.requestId,
    })
    .execute();
}

/**
 * Records a failure's audit event without letting the audit write replace the original error
 * (when the database itself is down, the audit row cannot be written; the log keeps the trace).
 */
export async function writeFailureAuditEvent(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  try {
    await writeAuditEvent(db, event);
  } catch (error) {
    logger.error('audit event not written', { action: event.action, reason: event.reason, requestId: event.requestId, error });
  }
}
