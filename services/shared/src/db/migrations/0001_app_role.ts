/**
 * The application's database role. Services connect as a login user that is a member of
 * `serenya_app`; the migration owner keeps DDL. Default privileges give the role data access
 * to every table later migrations create; tables that must stay append-only revoke it again.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'serenya_app') THEN
        CREATE ROLE serenya_app NOLOGIN;
      END IF;
    END
    $$`.execute(db);
  await sql`GRANT USAGE ON SCHEMA public TO serenya_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO serenya_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO serenya_app`.execute(db);
}
