/**
 * The only place AWS SDK clients are built: one per process, region from config. Endpoints
 * are never set here: the SDK reads AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> itself, so
 * the same code talks to AWS, LocalStack or moto depending on the environment alone.
 *
 * Each memoised client has a `create…` twin that builds a fresh one: for tests that change the
 * environment (e.g. `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`) after the process's client was built.
 *
 * Every top-level `once(…)` carries a `@__PURE__` annotation: `once` only wraps a function, so
 * a Lambda that never calls `s3Client` lets the bundler drop it, and with it the whole S3 SDK
 * (the SDK packages declare `sideEffects: false`). Without it esbuild must keep each call, and
 * every Lambda shipped S3, DynamoDB, KMS, Bedrock and SQS whether it used them or not.
 *
 * @example
 * ```ts
 * const { PublicKey } = await kmsClient().send(new GetPublicKeyCommand({ KeyId }));
 * ```
 * @module
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { awsConfig } from '../config/aws-config.ts';
import { once } from '../config/load-config.ts';

/** A new KMS client (bare client and commands: the all-commands `KMS` aggregate is ~3× larger). */
export function createKmsClient(): KMSClient {
  return new KMSClient({ region: awsConfig().region, maxAttempts: 3 });
}

/**
 * The process's KMS client: the access-token signer and the PHI cipher share it.
 *
 * @example
 * ```ts
 * const { PublicKey } = await kmsClient().send(new GetPublicKeyCommand({ KeyId }));
 * ```
 */
export const kmsClient = /* @__PURE__ */ once(createKmsClient);

/**
 * A new Bedrock Runtime client: adaptive retries with at most 2 extra attempts (BEDROCK.md
 * §3.4). Adaptive mode retries what standard mode retries (throttling, 5xx, network) and, after
 * throttles, also rate-limits this client's later calls, so one container backs off as a whole.
 * Locally `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` points it at the Bedrock mock.
 *
 * @example
 * ```ts
 * vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', mockUrl);
 * const runtime = createBedrockRuntimeClient();
 * ```
 */
export function createBedrockRuntimeClient(): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ region: awsConfig().region, retryMode: 'adaptive', maxAttempts: 3 });
}

/**
 * The process's Bedrock Runtime client.
 *
 * @example
 * ```ts
 * const output = await bedrockRuntimeClient().send(new ConverseCommand(input));
 * ```
 */
export const bedrockRuntimeClient = /* @__PURE__ */ once(createBedrockRuntimeClient);

/**
 * A new DynamoDB document client (plain JS values in and out). `removeUndefinedValues`, so an
 * optional attribute left undefined is omitted instead of failing the write.
 *
 * @example
 * ```ts
 * const documents = createDynamoDbDocumentClient();
 * await documents.send(new PutCommand({ TableName, Item }));
 * ```
 */
export function createDynamoDbDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ region: awsConfig().region, maxAttempts: 3 }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/**
 * The process's DynamoDB document client.
 *
 * @example
 * ```ts
 * await dynamoDbDocumentClient().send(new QueryCommand({ TableName, KeyConditionExpression, … }));
 * ```
 */
export const dynamoDbDocumentClient = /* @__PURE__ */ once(createDynamoDbDocumentClient);

/** The process's S3 client (temp documents bucket). Path-style addressing works with IP endpoints such as moto's. */
export const s3Client = /* @__PURE__ */ once(() => createS3Client());

/** A new S3 client. */
export function createS3Client(): S3Client {
  return new S3Client({ region: awsConfig().region, maxAttempts: 3 });
}

/** The process's SQS client (processing queue). */
export const sqsClient = /* @__PURE__ */ once(() => createSqsClient());

/** A new SQS client. */
export function createSqsClient(): SQSClient {
  return new SQSClient({ region: awsConfig().region, maxAttempts: 3 });
}
