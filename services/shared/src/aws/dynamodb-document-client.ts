/**
 * The DynamoDB document client. `@aws-sdk/lib-dynamodb` does not declare itself free of side
 * effects, so a bundle that merely imports it keeps the whole DynamoDB client (~340 KB minified,
 * measured) even if nothing calls it; this module is dropped, import and all, where unused,
 * because this directory's package.json declares it side-effect free (see `clients.ts`).
 *
 * @example
 * ```ts
 * await dynamoDbDocumentClient().send(new QueryCommand({ TableName, KeyConditionExpression, … }));
 * ```
 * @module
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsConfig } from '../config/aws-config.ts';
import { once } from '../config/load-config.ts';

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
