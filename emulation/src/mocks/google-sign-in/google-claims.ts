/**
 * The claim set of a Google ID token (Sign in with Google), built the way Google builds it:
 * https://developers.google.com/identity/gsi/web/reference/js-reference#credential
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DevIdTokenRequest } from './dev-id-token-request.ts';

export interface GoogleIdTokenClaims {
  [claim: string]: unknown;
  iss: string;
  azp: string;
  aud: string;
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  given_name: string;
  family_name?: string;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
}

export const DEFAULT_ID_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * A stable Google-like subject for an e-mail: 21 decimal digits starting with 1, from a hash,
 * so the same person gets the same `sub` in every run.
 *
 * @example
 * ```ts
 * googleSubjectForEmail('jane@example.com'); // '1' followed by 20 digits, same every time
 * ```
 */
export function googleSubjectForEmail(email: string): string {
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest();
  const value = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`) % 10n ** 20n;
  return `1${value.toString().padStart(20, '0')}`;
}

/**
 * A display name guessed from the e-mail's local part.
 *
 * @example
 * ```ts
 * displayNameFromEmail('jane.doe+labs@example.com'); // 'Jane Doe'
 * ```
 */
export function displayNameFromEmail(email: string): string {
  const localPart = email.split('@', 1)[0]?.split('+', 1)[0] ?? '';
  const words = localPart.split(/[._\-\s]+/).filter((word) => word.length > 0);
  if (words.length === 0) return email;
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/**
 * The full claim set for one ID token request.
 *
 * @example
 * ```ts
 * const claims = buildGoogleIdTokenClaims({ email: 'jane@example.com' },
 *   { issuer: 'http://127.0.0.1:4000', clientId: 'web-client', nowSeconds: Math.floor(Date.now() / 1000) });
 * claims.aud === 'web-client' && claims.email_verified === true;
 * ```
 */
export function buildGoogleIdTokenClaims(
  request: DevIdTokenRequest,
  context: { issuer: string; clientId: string; nowSeconds: number },
): GoogleIdTokenClaims {
  const audience = request.audience ?? context.clientId;
  const name = request.name ?? displayNameFromEmail(request.email);
  const [givenName = name, ...familyNames] = name.split(/\s+/);
  const issuedAt = context.nowSeconds + (request.issuedAtOffsetSeconds ?? 0);
  return {
    iss: request.issuer ?? context.issuer,
    azp: audience,
    aud: audience,
    sub: request.sub ?? googleSubjectForEmail(request.email),
    email: request.email,
    email_verified: request.emailVerified ?? true,
    name,
    given_name: givenName,
    ...(familyNames.length > 0 ? { family_name: familyNames.join(' ') } : {}),
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + (request.expiresInSeconds ?? DEFAULT_ID_TOKEN_LIFETIME_SECONDS),
    jti: randomBytes(16).toString('hex'),
  };
}
