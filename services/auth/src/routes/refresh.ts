/**
 * `POST /auth/refresh`: trades a refresh token for a new access token and a new refresh
 * token (rotation). A rotated token used again revokes its family: 401 REFRESH_TOKEN_REUSED; a
 * refresh that lost a race with a concurrent one is refused (401 INVALID_REFRESH_TOKEN) without
 * revoking the winner's session.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent, writeFailureAuditEvent } from '#shared/audit/write-audit-event.ts';
import { AppError } from '#shared/errors/index.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import { logger } from '#shared/observability/logger.ts';
import type { AuthDependencies } from '../auth-dependencies.ts';
import { issueAccessToken } from '../domain/issue-access-token.ts';
import { rotateRefreshToken } from '../domain/refresh-tokens.ts';
import { RefreshRequest, RefreshResponse } from './schemas.ts';

export const refreshRoute = createRoute({
  method: 'post',
  path: '/auth/refresh',
  tags: ['auth'],
  summary: 'Rotate a refresh token into a new token pair',
  request: { body: { required: true, content: { 'application/json': { schema: RefreshRequest } } } },
  responses: {
    200: { description: 'New token pair', content: { 'application/json': { schema: RefreshResponse } } },
    400: errorResponseSpec('VALIDATION_ERROR'),
    401: errorResponseSpec('INVALID_REFRESH_TOKEN or REFRESH_TOKEN_REUSED (the session is revoked)'),
    503: errorResponseSpec('SERVICE_UNAVAILABLE'),
  },
});

export function registerRefresh(app: ServiceApp, deps: AuthDependencies): void {
  app.openapi(refreshRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    const requestId = c.get('requestId');
    const signer = await deps.signer;
    const outcome = await rotateRefreshToken(deps.db, refreshToken, async (rotation, trx) => {
      // Inside the rotation's transaction: if signing (KMS) or the audit write fails, the
      // rotation rolls back and the client's retry with the same token still works.
      const issued = await issueAccessToken(signer, deps.tokens, rotation.userId);
      await writeAuditEvent(trx, {
        actorId: rotation.userId,
        action: AuditActions.refresh,
        resourceType: 'refresh_token_family',
        resourceId: rotation.familyId,
        outcome: 'success',
        requestId,
      });
      return issued;
    });

    if (outcome.kind === 'reused') {
      logger.warn('refresh token reuse detected; family revoked', { familyId: outcome.familyId, userId: outcome.userId });
      await writeFailureAuditEvent(deps.db, {
        actorId: outcome.userId,
        action: AuditActions.refreshReuse,
        resourceType: 'refresh_token_family',
        resourceId: outcome.familyId,
        outcome: 'failure',
        reason: 'REFRESH_TOKEN_REUSED',
        requestId,
      });
      throw new AppError('REFRESH_TOKEN_REUSED');
    }
    if (outcome.kind === 'superseded') {
      // Two refreshes with one token at once (two tabs): the other one won and its session
      // stands; this one is refused without revoking anything.
      await writeFailureAuditEvent(deps.db, {
        actorId: outcome.userId,
        action: AuditActions.refresh,
        resourceType: 'refresh_token_family',
        resourceId: outcome.familyId,
        outcome: 'failure',
        reason: 'CONCURRENT_REFRESH',
        requestId,
      });
      throw new AppError('INVALID_REFRESH_TOKEN', { message: 'The refresh token was just used by a concurrent request; use the tokens that request received' });
    }
    if (outcome.kind === 'invalid') {
      await writeFailureAuditEvent(deps.db, {
        actorId: outcome.userId ?? null,
        action: AuditActions.refresh,
        resourceType: 'refresh_token_family',
        resourceId: outcome.familyId ?? null,
        outcome: 'failure',
        reason: 'INVALID_REFRESH_TOKEN',
        requestId,
      });
      throw new AppError('INVALID_REFRESH_TOKEN');
    }

    const { accessToken, expiresIn } = outcome.result;
    return c.json({ accessToken, refreshToken: outcome.refreshToken, tokenType: 'Bearer' as const, expiresIn }, 200);
  });
}
