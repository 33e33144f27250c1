/**
 * Requires a Serenya access token: `Authorization: Bearer <jwt>`, verified against the
 * issuer's JWKS with the algorithm pinned to RS256 (the only kind API Gateway's JWT authorizer
 * accepts, so both check the same tokens), and `iss`, `aud` and `exp` checked (60 s skew). On
 * success the user id (`sub`) is on the context as `userId`; otherwise 401
 * UNAUTHORIZED, whatever was wrong (the client learns nothing about why).
 *
 * @example
 * ```ts
 * app.use('/documents/*', requireAuth({ issuer, audience: ACCESS_TOKEN_AUDIENCE, keys: createRemoteJWKSet(new URL(jwksUrl)) }));
 * app.get('/documents', (c) => c.json({ owner: c.get('userId') }));
 * ```
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../../errors/index.ts';
import { logger } from '../../observability/logger.ts';
import type { ServiceEnv } from '../service-env.ts';

export interface RequireAuthOptions {
  issuer: string;
  audience: string;
  /** Where the public keys come from: `createRemoteJWKSet(url)` or `createLocalJWKSet(jwks)`. */
  keys: JWTVerifyGetKey;
  /**
   * The header that carries `Bearer <jwt>`; default `authorization`. Only an entry point whose
   * `Authorization` is taken by something else sets it (the chat's streaming function URL behind
   * CloudFront, whose origin access control signs in `Authorization`). The token is verified the
   * same way whichever header carries it.
   */
  header?: string;
}

const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

export function requireAuth(options: RequireAuthOptions): MiddlewareHandler<ServiceEnv> {
  const tokenHeader = options.header ?? 'authorization';
  const verifyOptions = { issuer: options.issuer, audience: options.audience, algorithms: ['RS256'], clockTolerance: 60, requiredClaims: ['sub', 'exp'] };
  return async function requireAuthMiddleware(c, next) {
    const match = bearer.exec(c.req.header(tokenHeader) ?? '');
    if (!match?.[1]) throw new AppError('UNAUTHORIZED');
    try {
      const { payload } = await jwtVerify(match[1], options.keys, verifyOptions);
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new Error('no subject');
      c.set('userId', payload.sub);
    } catch (error) {
      logger.debug('access token rejected', { reason: error instanceof Error ? error.name : 'unknown' });
      throw new AppError('UNAUTHORIZED', { cause: error });
    }
    await next();
  };
}
