/**
 * Builds the chat service's dependencies from the environment, once per process: the database,
 * the PHI cipher, the process's Bedrock client (its breaker state shared across invocations),
 * the chat settings and an access-token verifier on the issuer's JWKS (cached by jose).
 *
 * @example
 * ```ts
 * const app = createChatApp(chatDependenciesFromEnvironment());
 * ```
 * @module
 */
import { createRemoteJWKSet } from 'jose';
import { bedrockClient } from '#shared/bedrock/default-bedrock-client.ts';
import { readAccessTokenVerifierConfig } from '#shared/config/access-token-config.ts';
import { databaseConfig } from '#shared/config/database-config.ts';
import { phiCipher } from '#shared/crypto/index.ts';
import { createDatabase } from '#shared/db/database.ts';
import type { ChatDependencies } from './chat-dependencies.ts';
import { chatConfig } from './chat-config.ts';

/**
 * Reads DATABASE_*, PHI_KMS_KEY_ARN, BEDROCK_*, COST_TABLE_NAME, CHAT_* and ACCESS_TOKEN_*.
 * The cipher and the Bedrock client are built on first use, so a bad variable there fails the
 * first request that needs it (with a ConfigError naming it), not the cold start.
 */
export function chatDependenciesFromEnvironment(): ChatDependencies {
  const verifier = readAccessTokenVerifierConfig();
  return {
    db: createDatabase(databaseConfig()).db,
    get cipher() {
      return phiCipher();
    },
    get bedrock() {
      return bedrockClient();
    },
    chat: chatConfig(),
    accessTokens: { issuer: verifier.issuer, audience: verifier.audience, keys: createRemoteJWKSet(new URL(verifier.jwksUrl)) },
  };
}
