/**
 * The audit log (HIPAA 164.312(b)): append-only. The application role may insert and read,
 * never update or delete, and a trigger refuses changes from everyone, the table owner too
 * (maintenance has to disable it on purpose, which is itself logged by PostgreSQL). No foreign key to users: audit rows outlive an erased account, and
 * then hold only the opaque user id.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      occurred_at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      action text NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z_]+)+$'),
      resource_type text NOT NULL,
      resource_id text,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
      reason text CHECK (reason IS NULL OR reason ~ '^[A-Z_]+$'),
      request_id text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at)`.execute(db);
  await sql`CREATE INDEX audit_events_time_idx ON audit_events (occurred_at)`.execute(db);

  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM serenya_app`.execute(db);
  await sql`GRANT SELECT, INSERT ON audit_events TO serenya_app`.execute(db);

  await sql`
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_no_update_or_delete
      BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_no_truncate
      BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);
}
