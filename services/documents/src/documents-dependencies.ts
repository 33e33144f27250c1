/**
 * What the documents app needs from the outside world, injected so tests can build the app
 * against the embedded backend (and point one dependency at something broken), and the
 * handler can build it from the environment.
 * @module
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Kysely } from 'kysely';
import type { DocumentsConfig } from '#shared/config/documents-config.ts';
import type { Database } from '#shared/db/schema.ts';
import type { RequireAuthOptions } from '#shared/http/middleware/require-auth.ts';

export interface DocumentsDependencies {
  db: Kysely<Database>;
  s3: S3Client;
  sqs: SQSClient;
  /** Temp bucket, documents KMS key, processing queue, upload size limit. */
  documents: DocumentsConfig;
  /** How access tokens are verified: issuer, audience and where the public keys come from. */
  accessTokens: RequireAuthOptions;
}
