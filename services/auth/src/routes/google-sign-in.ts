/**
 * `POST /auth/google`: exchanges a verified Google ID token for a Serenya session (an access
 * token and the first refresh token of a new family), creating the user on first sign-in.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent, writeFailureAuditEvent } from '#shared/audit/write-audit-event.ts';
import { isAppError } from '#shared/errors/index.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import type { AuthDependencies } from '../auth-dependencies.ts';
import { issueAccessToken } from '../domain/issue-access-token.ts';
import { issueRefreshTokenFamily } from '../domain/refresh-tokens.ts';
import { upsertUserFromGoogle } from '../domain/users.ts';
import { GoogleSignInRequest, SignInResponse } from './schemas.ts';

export const googleSignInRoute = createRoute({
  method: 'post',
  path: '/auth/google',
  tags: ['auth'],
  summary: 'Sign in with a Google ID token',
  request: { body: { required: true, content: { 'application/json': { schema: GoogleSignInRequest } } } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: SignInResponse } } },
    400: errorResponseSpec('VALIDATION_ERROR: malformed JSON or missing/wrong-typed idToken'),
    401: errorResponseSpec('INVALID_GOOGLE_TOKEN'),
    403: errorResponseSpec('EMAIL_NOT_VERIFIED'),
    503: errorResponseSpec('UPSTREAM_UNAVAILABLE (Google keys) or SERVICE_UNAVAILABLE (database)'),
  },
});

export function registerGoogleSignIn(app: ServiceApp, deps: AuthDependencies): void {
  app.openapi(googleSignInRoute, async (c) => {
    const { idToken } = c.req.valid('json');
    const requestId = c.get('requestId');
    try {
      const identity = await deps.google.verify(idToken);
      const user = await upsertUserFromGoogle(deps.db, deps.cipher, identity);
      const signer = await deps.signer;
      const [{ accessToken, expiresIn }, { refreshToken, familyId }] = await Promise.all([
        issueAccessToken(signer, deps.tokens, user.id),
        issueRefreshTokenFamily(deps.db, user.id, deps.tokens.refreshTokenTtlDays),
      ]);
      await writeAuditEvent(deps.db, {
        actorId: user.id,
        action: AuditActions.signIn,
        resourceType: 'refresh_token_family',
        resourceId: familyId,
        outcome: 'success',
        requestId,
      });
      return c.json({ accessToken, refreshToken, tokenType: 'Bearer' as const, expiresIn, user }, 200);
    } catch (error) {
      await writeFailureAuditEvent(deps.db, {
        actorId: null,
        action: AuditActions.signIn,
        resourceType: 'user',
        outcome: 'failure',
        reason: isAppError(error) ? error.code : 'INTERNAL_ERROR',
        requestId,
      });
      throw error;
    }
  });
}
