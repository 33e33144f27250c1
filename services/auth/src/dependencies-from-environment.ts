/**
 * Builds the auth service's dependencies from the environment, once per process: the database,
 * the Google verifier and the access-token signer picked by ACCESS_TOKEN_SIGNER.
 * @module
 */
import { accessTokenConfig, type AccessTokenConfig } from '#shared/config/access-token-config.ts';
import { databaseConfig } from '#shared/config/database-config.ts';
import { googleSignInConfig } from '#shared/config/google-sign-in-config.ts';
import { kmsClient } from '#shared/aws/kms-client.ts';
import { createDatabase } from '#shared/db/database.ts';
import { phiCipher } from '#shared/crypto/index.ts';
import type { AuthDependencies } from './auth-dependencies.ts';
import type { AccessTokenSigner } from './domain/access-token-signer.ts';
import { createGoogleIdTokenVerifier } from './domain/google-id-token-verifier.ts';
import { createKmsAccessTokenSigner } from './domain/kms-access-token-signer.ts';
import { createLocalAccessTokenSigner } from './domain/local-access-token-signer.ts';

export function createSigner(config: AccessTokenConfig): Promise<AccessTokenSigner> {
  return config.signer.kind === 'kms' ? createKmsAccessTokenSigner(kmsClient(), config.signer.keyId) : createLocalAccessTokenSigner();
}

export function authDependenciesFromEnvironment(): AuthDependencies {
  const tokens = accessTokenConfig();
  const signer = createSigner(tokens);
  // A failed key load is retried by the next container, not left as an unhandled rejection.
  signer.catch(() => undefined);
  return {
    db: createDatabase(databaseConfig()).db,
    tokens,
    signer,
    google: createGoogleIdTokenVerifier(googleSignInConfig()),
    cipher: phiCipher(),
  };
}
