/**
 * A user's LLM usage in one calendar month (UTC), summed from the cost table's
 * `monthly-usage-index` GSI: a Query on `userId` + `month`, followed page by page (a month of
 * heavy chat can exceed DynamoDB's 1 MB page). The GSI projects exactly the three attributes
 * summed here, so the query never touches the base table.
 *
 * @example
 * ```ts
 * const { totalCostCents, calls } = await monthlyUsage(userId, '2026-11');
 * ```
 * @module
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbDocumentClient } from '../aws/clients.ts';
import { costConfig } from '../config/cost-config.ts';
import { MONTHLY_USAGE_INDEX } from './cost-table-definition.ts';

/**
 * One month's totals.
 *
 * @example
 * ```ts
 * const usage: MonthlyUsage = { inputTokens: 9_000, outputTokens: 3_600, totalCostCents: 2.97, calls: 3 };
 * ```
 */
export interface MonthlyUsage {
  inputTokens: number;
  outputTokens: number;
  /** US cents, unrounded. */
  totalCostCents: number;
  calls: number;
}

export interface MonthlyUsageOptions {
  /** Default: the process's `dynamoDbDocumentClient()`. */
  documentClient?: Pick<DynamoDBDocumentClient, 'send'>;
  /** Default: `COST_TABLE_NAME`. */
  tableName?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Sums `userId`'s calls in `month` (`YYYY-MM`). A month without calls gives zeros.
 *
 * @example
 * ```ts
 * await monthlyUsage('u-1', '2026-11', { documentClient, tableName: 'cost-test' });
 * // { inputTokens: 3000, outputTokens: 1200, totalCostCents: 0.99, calls: 1 }
 * ```
 */
export async function monthlyUsage(userId: string, month: string, options: MonthlyUsageOptions = {}): Promise<MonthlyUsage> {
  if (!MONTH.test(month)) throw new RangeError(`month must be YYYY-MM, got ${JSON.stringify(month)}`);
  const client = options.documentClient ?? dynamoDbDocumentClient();
  const tableName = options.tableName ?? costConfig().tableName;
  const total: MonthlyUsage = { inputTokens: 0, outputTokens: 0, totalCostCents: 0, calls: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: MONTHLY_USAGE_INDEX,
        KeyConditionExpression: '#userId = :userId AND #month = :month',
        ProjectionExpression: '#inputTokens, #outputTokens, #totalCost',
        ExpressionAttributeNames: {
          '#userId': 'userId',
          '#month': 'month',
          '#inputTokens': 'inputTokens',
          '#outputTokens': 'outputTokens',
          '#totalCost': 'totalCost',
        },
        ExpressionAttributeValues: { ':userId': userId, ':month': month },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      total.inputTokens += numberOf(item.inputTokens);
      total.outputTokens += numberOf(item.outputTokens);
      total.totalCostCents += numberOf(item.totalCost);
      total.calls += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return total;
}
