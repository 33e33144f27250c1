/**
 * A cost table for the services' tests and the pipeline bench, in the emulated DynamoDB, from
 * the shared definition the CDK construct also follows (keys, monthly-usage GSI), with TTL on.
 * (`npm run local` does not use this: it provisions the template's table.)
 * @module
 */
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { costTableDefinition, COST_TABLE_TTL_ATTRIBUTE } from '../../../services/shared/src/cost/cost-table-definition.ts';
import { awsClientConfig, type AwsEndpoint } from '../backends/embedded.ts';

export async function createCostTable(aws: AwsEndpoint, tableName: string): Promise<void> {
  const dynamodb = new DynamoDBClient(awsClientConfig(aws));
  try {
    await dynamodb.send(new CreateTableCommand(costTableDefinition(tableName)));
    await dynamodb.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: COST_TABLE_TTL_ATTRIBUTE } }));
  } finally {
    dynamodb.destroy();
  }
}
