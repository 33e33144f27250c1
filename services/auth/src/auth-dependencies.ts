/**
 * What the auth app needs from the outside world, injected so tests can build the app against
 * the embedded backend and the handler can build it from the environment.
 * @module
 */
import type { Kysely } from 'kysely';
import type { AccessTokenConfig } from '#shared/config/access-token-config.ts';
import type { PhiCipher } from '#shared/crypto/index.ts';
import type { Database } from '#shared/db/schema.ts';
import type { AccessTokenSigner } from './domain/access-token-signer.ts';
import type { GoogleIdTokenVerifier } from './domain/google-id-token-verifier.ts';

export interface AuthDependencies {
  db: Kysely<Database>;
  tokens: AccessTokenConfig;
  /** Resolved once per container (a KMS signer fetches its public key first). */
  signer: Promise<AccessTokenSigner>;
  google: GoogleIdTokenVerifier;
  /** Encrypts the user's e-mail and name at rest. */
  cipher: PhiCipher;
}
