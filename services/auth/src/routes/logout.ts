/**
 * `POST /auth/logout` (Bearer): revokes the refresh-token family of the given token, so
 * neither it nor any token rotated from it works again. Always 204 for a signed-in caller:
 * an unknown or foreign token reveals nothing.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent } from '#shared/audit/write-audit-event.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import type { MiddlewareHandler } from 'hono';
import type { ServiceEnv } from '#shared/http/service-env.ts';
import type { AuthDependencies } from '../auth-dependencies.ts';
import { revokeRefreshTokenFamily } from '../domain/refresh-tokens.ts';
import { LogoutRequest } from './schemas.ts';

export const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Sign out: revoke the session of a refresh token',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: LogoutRequest } } } },
  responses: {
    204: { description: 'Signed out' },
    400: errorResponseSpec('VALIDATION_ERROR'),
    401: errorResponseSpec('UNAUTHORIZED'),
    503: errorResponseSpec('SERVICE_UNAVAILABLE'),
  },
});

export function registerLogout(app: ServiceApp, deps: AuthDependencies, auth: MiddlewareHandler<ServiceEnv>): void {
  app.use(logoutRoute.path, auth);
  app.openapi(logoutRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    const userId = c.get('userId');
    const { revoked, familyId } = await revokeRefreshTokenFamily(deps.db, userId, refreshToken);
    await writeAuditEvent(deps.db, {
      actorId: userId,
      action: AuditActions.logout,
      resourceType: 'refresh_token_family',
      resourceId: familyId ?? null,
      outcome: revoked ? 'success' : 'failure',
      reason: revoked ? null : 'INVALID_REFRESH_TOKEN',
      requestId: c.get('requestId'),
    });
    return c.body(null, 204);
  });
}
