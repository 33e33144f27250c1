/**
 * Serenya's own tokens: who issues access tokens, how they are signed, and how long access
 * and refresh tokens live. `ACCESS_TOKEN_SIGNER` picks the key by prefix: `kms:<key id or ARN>`
 * (an RSA_2048 SIGN_VERIFY key signing RS256, the only kind API Gateway's JWT authorizer
 * verifies; the private key never leaves KMS) or `local` (a key
 * generated at start, for local runs and tests only).
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from './load-config.ts';

/** The audience of every access token; API Gateway's JWT authorizer checks it too. */
export const ACCESS_TOKEN_AUDIENCE = 'serenya-api';

// One pattern rather than a union of the two forms: a union's failure reads "Invalid input",
// which names the variable but not what it should hold.
const signer = z
  .string()
  .regex(/^(local|kms:.+)$/, "must be 'local' or 'kms:<key id, alias or ARN>'")
  .transform((value) => (value === 'local' ? { kind: 'local' as const } : { kind: 'kms' as const, keyId: value.slice('kms:'.length) }));

const schema = z
  .object({
    ACCESS_TOKEN_ISSUER: z.url(),
    ACCESS_TOKEN_SIGNER: signer,
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  })
  .transform((env) => ({
    issuer: env.ACCESS_TOKEN_ISSUER,
    audience: ACCESS_TOKEN_AUDIENCE,
    signer: env.ACCESS_TOKEN_SIGNER,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
  }));

export type AccessTokenConfig = z.output<typeof schema>;

export function readAccessTokenConfig(env?: Environment): AccessTokenConfig {
  return loadConfig('access token', schema, env);
}

export const accessTokenConfig = once(() => readAccessTokenConfig());

const verifierSchema = z
  .object({
    ACCESS_TOKEN_ISSUER: z.url(),
    ACCESS_TOKEN_JWKS_URL: z.url(),
  })
  .transform((env) => ({ issuer: env.ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE, jwksUrl: env.ACCESS_TOKEN_JWKS_URL }));

/** What a service needs to verify access tokens: the issuer and where its public keys are. */
export type AccessTokenVerifierConfig = z.output<typeof verifierSchema>;

export function readAccessTokenVerifierConfig(env?: Environment): AccessTokenVerifierConfig {
  return loadConfig('access token verifier', verifierSchema, env);
}
