/**
 * `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable` (CDK's TableV2; only this region's
 * replica is created): keys, attribute definitions, billing, GSIs and LSIs with projections,
 * streams, SSE, then TTL and point-in-time recovery, which moto's CloudFormation drops.
 * @module
 */
import {
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import { generatePhysicalName } from '../physical-names.ts';
import {
  cfnTags,
  createOrAdopt,
  DifferenceList,
  optionalBoolean,
  optionalList,
  optionalRecord,
  optionalString,
  type ProvisionContext,
  type ResourceHandler,
} from '../resource-handler.ts';

type Properties = Readonly<Record<string, unknown>>;

function keySchema(value: unknown): KeySchemaElement[] {
  return ((value as Array<Record<string, unknown>> | undefined) ?? []).map((key) => ({ AttributeName: String(key.AttributeName), KeyType: key.KeyType as 'HASH' | 'RANGE' }));
}

function projection(value: unknown): Projection {
  const record = (value ?? {}) as Record<string, unknown>;
  return { ProjectionType: (record.ProjectionType ?? 'ALL') as 'ALL', NonKeyAttributes: record.NonKeyAttributes as string[] | undefined };
}

function throughput(value: unknown): { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined {
  const record = value as Record<string, unknown> | undefined;
  return record === undefined ? undefined : { ReadCapacityUnits: Number(record.ReadCapacityUnits), WriteCapacityUnits: Number(record.WriteCapacityUnits) };
}

/** GlobalTable keeps some settings per replica: this region's replica (or the first) wins. */
function replicaOf(context: ProvisionContext, properties: Properties): Record<string, unknown> {
  const replicas = optionalList(properties, 'Replicas');
  return replicas.find((replica) => replica.Region === context.region) ?? replicas[0] ?? {};
}

/** The table's settings in one shape, whichever of the two resource types declared them. */
function tableSettings(context: ProvisionContext, type: string, properties: Properties) {
  const replica = type === 'AWS::DynamoDB::GlobalTable' ? replicaOf(context, properties) : undefined;
  const sse = optionalRecord(properties, 'SSESpecification');
  const replicaSse = replica === undefined ? undefined : optionalRecord(replica, 'SSESpecification');
  const ttl = optionalRecord(properties, 'TimeToLiveSpecification');
  const pitr = optionalRecord(replica ?? properties, 'PointInTimeRecoverySpecification');
  const stream = optionalRecord(properties, 'StreamSpecification');
  return {
    billingMode: (optionalString(properties, 'BillingMode') ?? (properties.ProvisionedThroughput === undefined && replica !== undefined ? 'PAY_PER_REQUEST' : 'PROVISIONED')) as
      | 'PAY_PER_REQUEST'
      | 'PROVISIONED',
    sse:
      sse === undefined
        ? undefined
        : { Enabled: optionalBoolean(sse, 'SSEEnabled') ?? false, SSEType: optionalString(sse, 'SSEType') as 'KMS' | undefined, KMSMasterKeyId: optionalString(replicaSse ?? sse, 'KMSMasterKeyId') },
    ttl: ttl === undefined ? undefined : { AttributeName: String(ttl.AttributeName), Enabled: optionalBoolean(ttl, 'Enabled') ?? false },
    pitr: pitr === undefined ? undefined : (optionalBoolean(pitr, 'PointInTimeRecoveryEnabled') ?? false),
    streamViewType: optionalString(stream ?? {}, 'StreamViewType'),
    deletionProtection: optionalBoolean(replica ?? properties, 'DeletionProtectionEnabled'),
    tags: cfnTags(replica ?? properties),
  };
}

export function createTableInput(context: ProvisionContext, type: string, tableName: string, properties: Properties): CreateTableCommandInput {
  const settings = tableSettings(context, type, properties);
  const provisioned = settings.billingMode === 'PROVISIONED';
  return {
    TableName: tableName,
    KeySchema: keySchema(properties.KeySchema),
    AttributeDefinitions: optionalList(properties, 'AttributeDefinitions').map((definition) => ({
      AttributeName: String(definition.AttributeName),
      AttributeType: definition.AttributeType as 'S' | 'N' | 'B',
    })),
    BillingMode: settings.billingMode,
    ProvisionedThroughput: provisioned ? (throughput(properties.ProvisionedThroughput) ?? { ReadCapacityUnits: 5, WriteCapacityUnits: 5 }) : undefined,
    GlobalSecondaryIndexes: emptyToUndefined(
      optionalList(properties, 'GlobalSecondaryIndexes').map(
        (index): GlobalSecondaryIndex => ({
          IndexName: String(index.IndexName),
          KeySchema: keySchema(index.KeySchema),
          Projection: projection(index.Projection),
          ProvisionedThroughput: provisioned ? (throughput(index.ProvisionedThroughput) ?? { ReadCapacityUnits: 5, WriteCapacityUnits: 5 }) : undefined,
        }),
      ),
    ),
    LocalSecondaryIndexes: emptyToUndefined(
      optionalList(properties, 'LocalSecondaryIndexes').map(
        (index): LocalSecondaryIndex => ({ IndexName: String(index.IndexName), KeySchema: keySchema(index.KeySchema), Projection: projection(index.Projection) }),
      ),
    ),
    StreamSpecification: settings.streamViewType === undefined ? undefined : { StreamEnabled: true, StreamViewType: settings.streamViewType as 'NEW_IMAGE' },
    SSESpecification: settings.sse,
    TableClass: optionalString(properties, 'TableClass') as 'STANDARD' | undefined,
    DeletionProtectionEnabled: settings.deletionProtection,
    Tags: emptyToUndefined(settings.tags),
  };
}

function emptyToUndefined<T>(list: T[]): T[] | undefined {
  return list.length === 0 ? undefined : list;
}

function tableHandler(type: 'AWS::DynamoDB::Table' | 'AWS::DynamoDB::GlobalTable'): ResourceHandler {
  return {
    type,
    async provision(context, logicalId, properties) {
      const { dynamodb } = context.clients;
      const tableName = optionalString(properties, 'TableName') ?? generatePhysicalName({ stackName: context.stackName, logicalId, maxLength: 255 });
      const TableDescription = await createOrAdopt(
        async () => (await dynamodb.send(new CreateTableCommand(createTableInput(context, type, tableName, properties)))).TableDescription,
        ['ResourceInUseException'],
        async () => {
          // Keys and indexes of an existing table stay as they are; the drift check reports any difference.
          context.log(`${logicalId}: table ${tableName} already exists in moto; kept`);
          return (await dynamodb.send(new DescribeTableCommand({ TableName: tableName }))).Table;
        },
      );
      const settings = tableSettings(context, type, properties);
      if (settings.ttl !== undefined) await dynamodb.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: settings.ttl }));
      if (settings.pitr !== undefined) {
        await dynamodb.send(new UpdateContinuousBackupsCommand({ TableName: tableName, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: settings.pitr } }));
      }
      const attributes: Record<string, string> = { Arn: TableDescription?.TableArn ?? '' };
      if (TableDescription?.TableId !== undefined && TableDescription.TableId !== '') attributes.TableId = TableDescription.TableId;
      if (TableDescription?.LatestStreamArn !== undefined) attributes.StreamArn = TableDescription.LatestStreamArn;
      return { logicalId, type, ref: tableName, attributes };
    },
    async compare(context, resource, properties) {
      const { dynamodb } = context.clients;
      const differences = new DifferenceList(resource);
      const expected = createTableInput(context, type, resource.ref, properties);
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: resource.ref }));
      differences.expect('KeySchema', expected.KeySchema, Table?.KeySchema);
      differences.expect('AttributeDefinitions', sortBy(expected.AttributeDefinitions ?? [], 'AttributeName'), sortBy(Table?.AttributeDefinitions ?? [], 'AttributeName'));
      differences.expect('BillingMode', expected.BillingMode, Table?.BillingModeSummary?.BillingMode ?? 'PROVISIONED');
      const indexShape = (index: { IndexName?: string; KeySchema?: KeySchemaElement[]; Projection?: Projection }) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: { ProjectionType: index.Projection?.ProjectionType, NonKeyAttributes: index.Projection?.NonKeyAttributes?.toSorted() },
      });
      differences.expect('GlobalSecondaryIndexes', sortBy((expected.GlobalSecondaryIndexes ?? []).map(indexShape), 'IndexName'), sortBy((Table?.GlobalSecondaryIndexes ?? []).map(indexShape), 'IndexName'));
      differences.expect('LocalSecondaryIndexes', sortBy((expected.LocalSecondaryIndexes ?? []).map(indexShape), 'IndexName'), sortBy((Table?.LocalSecondaryIndexes ?? []).map(indexShape), 'IndexName'));
      differences.expect('StreamSpecification.StreamViewType', expected.StreamSpecification?.StreamViewType, Table?.StreamSpecification?.StreamViewType);
      if (expected.SSESpecification?.Enabled === true) differences.expect('SSESpecification', 'ENABLED', Table?.SSEDescription?.Status);
      const settings = tableSettings(context, type, properties);
      const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: resource.ref }));
      differences.expect(
        'TimeToLiveSpecification',
        settings.ttl?.Enabled === true ? { AttributeName: settings.ttl.AttributeName, Status: 'ENABLED' } : undefined,
        ttl.TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED' ? { AttributeName: ttl.TimeToLiveDescription.AttributeName, Status: 'ENABLED' } : undefined,
      );
      const backups = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: resource.ref }));
      differences.expect(
        'PointInTimeRecoverySpecification',
        settings.pitr === true ? 'ENABLED' : 'DISABLED',
        backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ?? 'DISABLED',
      );
      return differences.differences;
    },
  };
}

function sortBy<T, K extends keyof T>(list: readonly T[], key: K): T[] {
  return list.toSorted((a, b) => String(a[key]).localeCompare(String(b[key])));
}

export const dynamodbTableHandler = tableHandler('AWS::DynamoDB::Table');
export const dynamodbGlobalTableHandler = tableHandler('AWS::DynamoDB::GlobalTable');
