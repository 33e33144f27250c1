/**
 * `DELETE /account` (Bearer): erases the signed-in user (see erase-account.ts) and answers 204
 * once everything is gone. The erasure runs inside the request (a user's data is a few S3
 * objects, DynamoDB items and cascaded rows), so 202 (queued erasure) is never answered. A
 * repeated call, while the access token is still valid, finds nothing left and answers 204 again.
 * Every call writes an `account.erased` audit event with the user id as actor (an opaque id once
 * the user row is gone), `failure` with a code when the erasure failed midway (the client retries).
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent, writeFailureAuditEvent } from '#shared/audit/write-audit-event.ts';
import { AppError } from '#shared/errors/index.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import type { ServiceEnv } from '#shared/http/service-env.ts';
import { logger } from '#shared/observability/logger.ts';
import { ACCOUNT_RESOURCE_TYPE, type AccountDependencies } from './account-dependencies.ts';
import { eraseAccount } from './erase-account.ts';

export const deleteAccountRoute = createRoute({
  method: 'delete',
  path: '/account',
  tags: ['account'],
  summary: "Erase the signed-in user's account and data (GDPR); audit events keep only the opaque id",
  security: [{ bearer: [] }],
  responses: {
    204: { description: 'Erased (also when already erased)' },
    401: errorResponseSpec('UNAUTHORIZED'),
    503: errorResponseSpec('SERVICE_UNAVAILABLE: erasure incomplete; repeat the call'),
  },
});

export function registerDeleteAccount(app: ServiceApp, deps: AccountDependencies, auth: MiddlewareHandler<ServiceEnv>): void {
  app.use(deleteAccountRoute.path, auth);
  app.openapi(deleteAccountRoute, async (c) => {
    const userId = c.get('userId');
    const requestId = c.get('requestId');
    const audit = { actorId: userId, action: AuditActions.accountErased, resourceType: ACCOUNT_RESOURCE_TYPE, resourceId: userId, requestId };
    try {
      const outcome = await eraseAccount(deps, userId);
      logger.info('account erased', { requestId, ...outcome });
    } catch (error) {
      await writeFailureAuditEvent(deps.db, { ...audit, outcome: 'failure', reason: error instanceof AppError ? error.code : 'ERASURE_INCOMPLETE' });
      // A store that failed half-way (S3, DynamoDB) left the user row for a repeat to finish:
      // tell the client to repeat (503, retry), not that something unknown broke (500).
      if (error instanceof AppError) throw error;
      logger.warn('account erasure incomplete', { requestId, errorName: error instanceof Error ? error.name : typeof error });
      throw new AppError('SERVICE_UNAVAILABLE', { message: 'The erasure is incomplete; repeat the request', cause: error });
    }
    await writeAuditEvent(deps.db, { ...audit, outcome: 'success' });
    return c.body(null, 204);
  });
}
