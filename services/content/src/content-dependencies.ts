/**
 * What the content app needs from the outside world, injected so tests can build the app
 * against the embedded backend and the handler can build it from the environment. Route groups
 * registered on the app (timeline, content, subscriptions, and the account routes) all receive
 * this one object, so it carries what any of them needs: the account export and erasure use the
 * S3 client, the documents configuration and the cost table too.
 * @module
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Kysely } from 'kysely';
import type { DocumentsConfig } from '#shared/config/documents-config.ts';
import type { PhiCipher } from '#shared/crypto/phi-cipher.ts';
import type { Database } from '#shared/db/schema.ts';
import type { RequireAuthOptions } from '#shared/http/middleware/require-auth.ts';

export interface ContentDependencies {
  db: Kysely<Database>;
  /** Decrypts (and encrypts) PHI columns with the database key. */
  cipher: PhiCipher;
  s3: S3Client;
  /** The DynamoDB document client the cost table is read (and, on erasure, cleaned) through. */
  dynamodb: DynamoDBDocumentClient;
  /** The LLM cost table (`COST_TABLE_NAME`), queried through its monthly-usage index. */
  costTableName: string;
  /** Temp bucket, documents KMS key, processing queue, upload size limit. */
  documents: DocumentsConfig;
  /** How access tokens are verified: issuer, audience and where the public keys come from. */
  accessTokens: RequireAuthOptions;
}
