/**
 * Creates the LLM cost table in the emulated DynamoDB from the same definition the services'
 * tests use (keys, monthly-usage GSI), with TTL on, as the CDK stack declares it in AWS.
 * @module
 */
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { costTableDefinition, COST_TABLE_TTL_ATTRIBUTE } from '../../../services/shared/src/cost/cost-table-definition.ts';
import type { AwsEndpoint } from '../backends/embedded.ts';

export async function createCostTable(aws: AwsEndpoint, tableName: string): Promise<void> {
  const dynamodb = new DynamoDBClient({ endpoint: aws.endpoint, region: aws.region, credentials: { accessKeyId: aws.accessKeyId, secretAccessKey: aws.secretAccessKey } });
  try {
    await dynamodb.send(new CreateTableCommand(costTableDefinition(tableName)));
    await dynamodb.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: COST_TABLE_TTL_ATTRIBUTE } }));
  } finally {
    dynamodb.destroy();
  }
}
