/**
 * The LLM cost table as a DynamoDB CreateTable input: the one definition that tests (against
 * moto), the local runtime and comparisons with the CDK construct all use, so the table the code
 * is tested against is the table that is deployed.
 *
 * From ORIGINAL-DESIGN.md "Cost Tracking Infrastructure" (`serenya-llm-cost-tracking`):
 * `userId` (HASH, S) + `timestamp` (RANGE, N, epoch ms); GSI `monthly-usage-index` on `userId` +
 * `month` (S, `YYYY-MM`) projecting only `inputTokens`, `outputTokens`, `totalCost`;
 * PAY_PER_REQUEST; TTL on `ttl`; point-in-time recovery. Plus server-side encryption with KMS
 * (the design's HIPAA posture; a customer-managed key when `kmsKeyId` is given).
 *
 * TTL and PITR are not part of CreateTable: {@link COST_TABLE_TTL_ATTRIBUTE} is applied with
 * UpdateTimeToLive, PITR with UpdateContinuousBackups (or by CDK).
 *
 * @example
 * ```ts
 * await dynamodb.send(new CreateTableCommand(costTableDefinition('cost-test-1')));
 * await dynamodb.send(new UpdateTimeToLiveCommand({
 *   TableName: 'cost-test-1',
 *   TimeToLiveSpecification: { AttributeName: COST_TABLE_TTL_ATTRIBUTE, Enabled: true },
 * }));
 * ```
 * @module
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The design's table name; deployed stages may prefix it (COST_TABLE_NAME). */
export const COST_TABLE_DEFAULT_NAME = 'serenya-llm-cost-tracking';
/** The GSI that sums a user's month. */
export const MONTHLY_USAGE_INDEX = 'monthly-usage-index';
/** The attribute DynamoDB's TTL reads: epoch seconds. */
export const COST_TABLE_TTL_ATTRIBUTE = 'ttl';
/** The non-key attributes the GSI carries (INCLUDE projection). */
export const MONTHLY_USAGE_PROJECTED_ATTRIBUTES = ['inputTokens', 'outputTokens', 'totalCost'] as const;

export interface CostTableOptions {
  /** A customer-managed KMS key (id, alias or ARN); without it DynamoDB's AWS-managed key. */
  kmsKeyId?: string;
}

/**
 * The CreateTable input of the cost table named `tableName`.
 *
 * @example
 * ```ts
 * costTableDefinition('serenya-llm-cost-tracking').GlobalSecondaryIndexes?.[0]?.IndexName; // 'monthly-usage-index'
 * ```
 */
export function costTableDefinition(tableName: string, options: CostTableOptions = {}): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'userId', AttributeType: 'S' },
      { AttributeName: 'timestamp', AttributeType: 'N' },
      { AttributeName: 'month', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'userId', KeyType: 'HASH' },
      { AttributeName: 'timestamp', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: MONTHLY_USAGE_INDEX,
        KeySchema: [
          { AttributeName: 'userId', KeyType: 'HASH' },
          { AttributeName: 'month', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...MONTHLY_USAGE_PROJECTED_ATTRIBUTES] },
      },
    ],
    SSESpecification: { Enabled: true, SSEType: 'KMS', ...(options.kmsKeyId === undefined ? {} : { KMSMasterKeyId: options.kmsKeyId }) },
  };
}
