/**
 * The account routes (GDPR): `GET /account/export` (`?format=fhir` for the FHIR bundle) and
 * `DELETE /account`, each behind `auth` (the app's require-auth middleware).
 *
 * @example
 * ```ts
 * registerAccountRoutes(app, { db, cipher, s3, documentsBucket, dynamo, costTableName }, requireAuth(accessTokens));
 * ```
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import type { ServiceEnv } from '#shared/http/service-env.ts';
import type { AccountDependencies } from './account-dependencies.ts';
import { registerDeleteAccount } from './delete-account-route.ts';
import { registerExportAccount } from './export-account-route.ts';

export type { AccountDependencies } from './account-dependencies.ts';

export function registerAccountRoutes(app: ServiceApp, deps: AccountDependencies, auth: MiddlewareHandler<ServiceEnv>): void {
  registerExportAccount(app, deps, auth);
  registerDeleteAccount(app, deps, auth);
}
