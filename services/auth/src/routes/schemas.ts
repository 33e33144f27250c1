/**
 * Request and response schemas of the auth API: the validation and the OpenAPI document.
 * @module
 */
import { z } from '@hono/zod-openapi';

const jwt = z.string().min(1).max(16_384);

export const GoogleSignInRequest = z.object({ idToken: jwt.openapi({ description: 'A Google ID token (JWT)' }) }).openapi('GoogleSignInRequest');

export const RefreshRequest = z
  .object({ refreshToken: z.string().min(1).max(256).openapi({ description: 'The opaque refresh token from the last sign-in or refresh' }) })
  .openapi('RefreshRequest');

export const LogoutRequest = RefreshRequest.openapi('LogoutRequest');

export const TokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().openapi({ description: 'Seconds until the access token expires' }),
});

export const UserSummary = z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable() }).openapi('User');

export const SignInResponse = TokenPair.extend({ user: UserSummary }).openapi('SignInResponse');
export const RefreshResponse = TokenPair.openapi('RefreshResponse');

export const JwksResponse = z
  .object({ keys: z.array(z.object({ kty: z.string(), kid: z.string(), alg: z.string(), use: z.string() }).loose()) })
  .openapi('JsonWebKeySet');

export const OpenIdConfiguration = z
  .object({ issuer: z.string(), jwks_uri: z.string(), id_token_signing_alg_values_supported: z.array(z.string()) })
  .loose()
  .openapi('OpenIdConfiguration');
