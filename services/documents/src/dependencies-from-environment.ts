/**
 * Builds the documents service's dependencies from the environment, once per process: the
 * database, the S3 and SQS clients (endpoints from the environment only), the documents
 * configuration, and an access-token verifier that fetches the issuer's JWKS (cached by jose).
 *
 * @example
 * ```ts
 * const app = createDocumentsApp(documentsDependenciesFromEnvironment());
 * ```
 * @module
 */
import { createRemoteJWKSet } from 'jose';
import { s3Client } from '#shared/aws/s3-client.ts';
import { sqsClient } from '#shared/aws/sqs-client.ts';
import { readAccessTokenVerifierConfig } from '#shared/config/access-token-config.ts';
import { databaseConfig } from '#shared/config/database-config.ts';
import { documentsConfig } from '#shared/config/documents-config.ts';
import { createDatabase } from '#shared/db/database.ts';
import type { DocumentsDependencies } from './documents-dependencies.ts';

/** Reads DATABASE_*, DOCUMENTS_*, PROCESSING_QUEUE_URL, MAX_UPLOAD_BYTES and ACCESS_TOKEN_ISSUER / ACCESS_TOKEN_JWKS_URL; throws a ConfigError naming every bad variable. */
export function documentsDependenciesFromEnvironment(): DocumentsDependencies {
  const verifier = readAccessTokenVerifierConfig();
  return {
    db: createDatabase(databaseConfig()).db,
    s3: s3Client(),
    sqs: sqsClient(),
    documents: documentsConfig(),
    accessTokens: { issuer: verifier.issuer, audience: verifier.audience, keys: createRemoteJWKSet(new URL(verifier.jwksUrl)) },
  };
}
