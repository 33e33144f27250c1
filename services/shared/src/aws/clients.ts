/**
 * Every AWS SDK client, one module per client, re-exported here. Clients are built only here:
 * one per process, region from config. Endpoints are never set: the SDK reads
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> itself, so the same code talks to AWS,
 * LocalStack or moto depending on the environment alone.
 *
 * Each memoised client has a `create…` twin that builds a fresh one: for tests that change the
 * environment (e.g. `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`) after the process's client was built.
 *
 * Why one module per client: a Lambda should bundle only the clients it calls. Every memoised
 * client is a `@__PURE__`-annotated `once(…)` (`once` only wraps a function), so an unused one
 * is dropped with its SDK package, which declares `sideEffects: false`. `@aws-sdk/lib-dynamodb`
 * does not declare that, so importing this barrel always bundles DynamoDB: a function's
 * `dependencies-from-environment.ts` imports the per-client module (`./kms-client.ts`, …).
 *
 * @example
 * ```ts
 * import { createS3Client, createSqsClient } from '#shared/aws/clients.ts'; // tests, scripts
 * import { kmsClient } from '#shared/aws/kms-client.ts'; // Lambda code
 * ```
 * @module
 */
export { bedrockRuntimeClient, createBedrockRuntimeClient } from './bedrock-runtime-client.ts';
export { createDynamoDbDocumentClient, dynamoDbDocumentClient } from './dynamodb-document-client.ts';
export { createKmsClient, kmsClient } from './kms-client.ts';
export { createS3Client, s3Client } from './s3-client.ts';
export { createSqsClient, sqsClient } from './sqs-client.ts';
