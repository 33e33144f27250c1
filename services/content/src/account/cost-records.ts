/**
 * The user's items in the LLM cost table (HASH `userId`, RANGE `timestamp`): read them all for
 * the export, delete them all for the erasure. Both page through the Query until
 * `LastEvaluatedKey` is gone; deletes go in BatchWrite chunks of 25 (DynamoDB's limit), with
 * `UnprocessedItems` retried after a growing pause.
 * @module
 */
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CostRecord } from '#shared/cost/cost-record.ts';

type Dynamo = Pick<DynamoDBDocumentClient, 'send'>;

const BATCH_SIZE = 25;
const MAX_BATCH_ATTEMPTS = 8;

async function queryAll(dynamo: Dynamo, tableName: string, userId: string, keysOnly: boolean): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#userId = :userId',
        ExpressionAttributeNames: { '#userId': 'userId', ...(keysOnly ? { '#timestamp': 'timestamp' } : {}) },
        ExpressionAttributeValues: { ':userId': userId },
        ...(keysOnly ? { ProjectionExpression: '#userId, #timestamp' } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every cost record of the user, oldest first. */
export async function readCostRecords(dynamo: Dynamo, tableName: string, userId: string): Promise<CostRecord[]> {
  return (await queryAll(dynamo, tableName, userId, false)) as unknown as CostRecord[];
}

export interface DeleteCostRecordsOptions {
  /** Pause before the n-th retry of unprocessed items (default 50 ms × 2^n, at most 2 s). */
  backoffMs?: (attempt: number) => number;
}

/** Deletes every cost record of the user; returns how many keys were deleted. */
export async function deleteCostRecords(dynamo: Dynamo, tableName: string, userId: string, options: DeleteCostRecordsOptions = {}): Promise<number> {
  const backoff = options.backoffMs ?? ((attempt: number) => Math.min(2_000, 50 * 2 ** attempt));
  const keys = (await queryAll(dynamo, tableName, userId, true)).map((item) => ({ userId: item.userId, timestamp: item.timestamp }));
  for (let start = 0; start < keys.length; start += BATCH_SIZE) {
    let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] = keys
      .slice(start, start + BATCH_SIZE)
      .map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt >= MAX_BATCH_ATTEMPTS) throw new Error(`cost records not deleted after ${MAX_BATCH_ATTEMPTS} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
      const { UnprocessedItems } = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = UnprocessedItems?.[tableName] ?? [];
    }
  }
  return keys.length;
}
