/**
 * How Google ID tokens are verified. The defaults are Google's; the local stand-in overrides
 * the issuer and the JWKS URL.
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from './load-config.ts';

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

const schema = z
  .object({
    GOOGLE_CLIENT_IDS: list.pipe(z.array(z.string()).min(1, 'needs at least one OAuth client id')),
    GOOGLE_ISSUERS: list.pipe(z.array(z.string()).min(1)).default(['https://accounts.google.com', 'accounts.google.com']),
    GOOGLE_JWKS_URL: z.url().default('https://www.googleapis.com/oauth2/v3/certs'),
    GOOGLE_JWKS_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  })
  .transform((env) => ({
    clientIds: env.GOOGLE_CLIENT_IDS,
    issuers: env.GOOGLE_ISSUERS,
    jwksUrl: env.GOOGLE_JWKS_URL,
    jwksTimeoutMs: env.GOOGLE_JWKS_TIMEOUT_MS,
  }));

export type GoogleSignInConfig = z.output<typeof schema>;

export function readGoogleSignInConfig(env?: Environment): GoogleSignInConfig {
  return loadConfig('Google sign-in', schema, env);
}

export const googleSignInConfig = once(() => readGoogleSignInConfig());
