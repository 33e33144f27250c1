/**
 * Every AWS SDK client, one module per client, re-exported here. Clients are built only here:
 * one per process, region from config. Endpoints are never set: the SDK reads
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> itself, so the same code talks to AWS,
 * LocalStack or moto depending on the environment alone.
 *
 * Each memoised client has a `create…` twin that builds a fresh one: for tests that change the
 * environment (e.g. `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`) after the process's client was built.
 *
 * A function bundles, and loads, only the clients it calls. This directory's package.json
 * declares its modules free of side effects, so esbuild drops a client module nothing uses
 * together with its SDK import; without that it must keep the import: a bundled
 * `@aws-sdk/lib-dynamodb` (which does not declare itself side-effect free) pulls in all of
 * DynamoDB, and an external SDK package (as deployed, see platform/src/constructs/functions/bundling.ts) is loaded
 * at cold start. The `@__PURE__` marks on the `once(…)` calls say the same to a bundler that
 * reads no package.json. One module per client keeps each client's imports to itself; Lambda
 * code may import this barrel or a single client module alike.
 *
 * @example
 * ```ts
 * import { createS3Client, createSqsClient } from '#shared/aws/clients.ts';
 * import { kmsClient } from '#shared/aws/kms-client.ts';
 * ```
 * @module
 */
export { bedrockRuntimeClient, createBedrockRuntimeClient } from './bedrock-runtime-client.ts';
export { createDynamoDbDocumentClient, dynamoDbDocumentClient } from './dynamodb-document-client.ts';
export { createKmsClient, kmsClient } from './kms-client.ts';
export { createS3Client, s3Client } from './s3-client.ts';
export { createSqsClient, sqsClient } from './sqs-client.ts';
