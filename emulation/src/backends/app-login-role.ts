/**
 * The login role the services connect as, locally: `serenya_app_user`, a member of the
 * migrations' NOLOGIN group role `serenya_app` (which holds the grants), with a password (AWS uses
 * RDS IAM authentication for the same user instead). Created once, its password reset each start.
 * @module
 */
import type pg from 'pg';

export const APP_LOGIN_ROLE = 'serenya_app_user';
const APP_GROUP_ROLE = 'serenya_app';

/** Creates the login role if missing, sets its password and grants it the group role. */
export async function ensureAppLoginRole(admin: pg.Client, password: string): Promise<void> {
  await admin.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_LOGIN_ROLE}') THEN
        CREATE ROLE ${APP_LOGIN_ROLE} LOGIN;
      END IF;
    END
    $$`);
  await admin.query(`ALTER ROLE ${APP_LOGIN_ROLE} WITH LOGIN PASSWORD ${admin.escapeLiteral(password)}`);
  await admin.query(`GRANT ${APP_GROUP_ROLE} TO ${APP_LOGIN_ROLE}`);
}
