/**
 * Every migration, in order. A static list (not a directory scan) so the bundled Lambda and
 * the CLI run the same set. Forward-only: migrations have `up` and no `down`; a mistake is
 * fixed by the next migration. Add new ones at the end with the next number.
 * @module
 */
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_app_role.ts';
import * as m0002 from './0002_users_and_refresh_tokens.ts';
import * as m0003 from './0003_audit_events.ts';
import * as m0004 from './0004_plans_and_subscriptions.ts';
import * as m0005 from './0005_document_jobs.ts';
import * as m0006 from './0006_contents_and_lab_values.ts';
import * as m0007 from './0007_encrypt_user_identity.ts';
import * as m0008 from './0008_chat_and_content_versions.ts';

export const migrations: Record<string, Migration> = {
  '0001_app_role': m0001,
  '0002_users_and_refresh_tokens': m0002,
  '0003_audit_events': m0003,
  '0004_plans_and_subscriptions': m0004,
  '0005_document_jobs': m0005,
  '0006_contents_and_lab_values': m0006,
  '0007_encrypt_user_identity': m0007,
  '0008_chat_and_content_versions': m0008,
};
