/**
 * What the account routes (GDPR export and erasure) need from the outside world, injected so
 * tests can run them against the embedded backend and the content app can build them from its
 * environment.
 * @module
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Kysely } from 'kysely';
import type { PhiCipher } from '#shared/crypto/index.ts';
import type { Database } from '#shared/db/schema.ts';

export interface AccountDependencies {
  db: Kysely<Database>;
  /** Decrypts the PHI columns for the export (identity, contents, lab values, chat). */
  cipher: PhiCipher;
  s3: S3Client;
  /** The temp bucket that holds the uploaded originals (`jobs/{jobId}_original`). */
  documentsBucket: string;
  dynamo: Pick<DynamoDBDocumentClient, 'send'>;
  /** The LLM cost table (HASH `userId`, RANGE `timestamp`). */
  costTableName: string;
}

/** The audit resource type of export and erasure events: the resource id is the user id. */
export const ACCOUNT_RESOURCE_TYPE = 'account';
