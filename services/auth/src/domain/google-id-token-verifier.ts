/**
 * Verifies Google ID tokens: RS256 only, signature against Google's JWKS (fetched through the
 * `google_oauth` circuit breaker), issuer, audience (our OAuth client ids), exp/iat with 60 s
 * of clock skew, and a verified e-mail address.
 *
 * Failures map to: 401 INVALID_GOOGLE_TOKEN (anything wrong with the token), 403
 * EMAIL_NOT_VERIFIED, 503 UPSTREAM_UNAVAILABLE (Google's keys cannot be had, or the breaker is open).
 *
 * @example
 * ```ts
 * const verifier = createGoogleIdTokenVerifier(googleSignInConfig());
 * const identity = await verifier.verify(idToken);
 * ```
 * @module
 */
import { createRemoteJWKSet, customFetch, jwtVerify, type FetchImplementation } from 'jose';
import type { GoogleSignInConfig } from '#shared/config/google-sign-in-config.ts';
import { AppError } from '#shared/errors/index.ts';
import { BreakerPolicies } from '#shared/resilience/breaker-policies.ts';
import { CircuitBreaker, CircuitOpenError, type BreakerPolicy } from '#shared/resilience/circuit-breaker.ts';

export interface GoogleIdentity {
  sub: string;
  email: string;
  name: string | null;
}

export interface GoogleIdTokenVerifier {
  verify(idToken: string): Promise<GoogleIdentity>;
  readonly breaker: CircuitBreaker<Parameters<FetchImplementation>, Response>;
}

export interface GoogleVerifierOptions {
  breakerPolicy?: BreakerPolicy;
  /** How long fetched keys are trusted before a refetch (jose's default: 10 minutes). */
  jwksCacheMaxAgeMs?: number;
  /** Least time between two refetches for an unknown `kid` (jose's default: 30 s). */
  jwksCooldownMs?: number;
}

/** The keys endpoint failed (network error, timeout, non-200): Google's side, not the token's. */
class GoogleKeysUnavailableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'GoogleKeysUnavailableError';
  }
}

export const CLOCK_SKEW_SECONDS = 60;

export function createGoogleIdTokenVerifier(config: GoogleSignInConfig, options: GoogleVerifierOptions = {}): GoogleIdTokenVerifier {
  const breaker = new CircuitBreaker<Parameters<FetchImplementation>, Response>({
    service: 'google_oauth',
    policy: options.breakerPolicy ?? BreakerPolicies.googleOAuth,
    action: async (url, init) => {
      let response: Response;
      try {
        response = await fetch(url, { ...init, signal: AbortSignal.timeout(config.jwksTimeoutMs) });
      } catch (error) {
        throw new GoogleKeysUnavailableError('Google keys fetch failed', error);
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new GoogleKeysUnavailableError(`Google keys endpoint answered ${response.status}`);
      }
      return response;
    },
  });

  const jwks = createRemoteJWKSet(new URL(config.jwksUrl), {
    timeoutDuration: config.jwksTimeoutMs,
    ...(options.jwksCacheMaxAgeMs === undefined ? {} : { cacheMaxAge: options.jwksCacheMaxAgeMs }),
    ...(options.jwksCooldownMs === undefined ? {} : { cooldownDuration: options.jwksCooldownMs }),
    [customFetch]: (url, init) => breaker.fire(url, init),
  });

  return {
    breaker,
    async verify(idToken) {
      let payload;
      try {
        ({ payload } = await jwtVerify(idToken, jwks, {
          algorithms: ['RS256'],
          issuer: config.issuers,
          audience: config.clientIds,
          clockTolerance: CLOCK_SKEW_SECONDS,
          requiredClaims: ['sub', 'iat', 'exp', 'email'],
        }));
      } catch (error) {
        if (error instanceof GoogleKeysUnavailableError || error instanceof CircuitOpenError) {
          throw new AppError('UPSTREAM_UNAVAILABLE', { cause: error });
        }
        throw new AppError('INVALID_GOOGLE_TOKEN', { cause: error });
      }
      const iat = payload.iat ?? 0;
      if (iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
        throw new AppError('INVALID_GOOGLE_TOKEN', { message: 'The Google ID token was issued in the future' });
      }
      if (typeof payload.sub !== 'string' || typeof payload.email !== 'string') {
        throw new AppError('INVALID_GOOGLE_TOKEN', { message: 'The Google ID token lacks sub or email' });
      }
      // Google sends email_verified as a boolean; some older tokens carried the string "true".
      const verified = payload.email_verified === true || payload.email_verified === 'true';
      if (!verified) throw new AppError('EMAIL_NOT_VERIFIED');
      return { sub: payload.sub, email: payload.email, name: typeof payload.name === 'string' ? payload.name : null };
    },
  };
}
