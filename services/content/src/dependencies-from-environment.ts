/**
 * Builds the content service's dependencies from the environment, once per process: the
 * database, the PHI cipher, the S3 and DynamoDB clients (endpoints from the environment only),
 * the cost table name, the documents configuration, and an access-token verifier that fetches
 * the issuer's JWKS (cached by jose).
 *
 * @example
 * ```ts
 * const app = createContentApp(contentDependenciesFromEnvironment());
 * ```
 * @module
 */
import { createRemoteJWKSet } from 'jose';
import { dynamoDbDocumentClient } from '#shared/aws/dynamodb-document-client.ts';
import { s3Client } from '#shared/aws/s3-client.ts';
import { readAccessTokenVerifierConfig } from '#shared/config/access-token-config.ts';
import { costConfig } from '#shared/config/cost-config.ts';
import { databaseConfig } from '#shared/config/database-config.ts';
import { documentsConfig } from '#shared/config/documents-config.ts';
import { phiCipher } from '#shared/crypto/index.ts';
import { createDatabase } from '#shared/db/database.ts';
import type { ContentDependencies } from './content-dependencies.ts';

/**
 * Reads DATABASE_*, PHI_KMS_KEY_ARN (+ PHI_DATA_KEY_CACHE_*), AWS_REGION, COST_TABLE_NAME,
 * DOCUMENTS_*, PROCESSING_QUEUE_URL and ACCESS_TOKEN_ISSUER / ACCESS_TOKEN_JWKS_URL; throws a
 * ConfigError naming every bad variable.
 */
export function contentDependenciesFromEnvironment(): ContentDependencies {
  const verifier = readAccessTokenVerifierConfig();
  return {
    db: createDatabase(databaseConfig()).db,
    cipher: phiCipher(),
    s3: s3Client(),
    dynamodb: dynamoDbDocumentClient(),
    costTableName: costConfig().tableName,
    documents: documentsConfig(),
    accessTokens: { issuer: verifier.issuer, audience: verifier.audience, keys: createRemoteJWKSet(new URL(verifier.jwksUrl)) },
  };
}
