import { describe, expect, it } from 'vitest';
import { costTableDefinition, MONTHLY_USAGE_INDEX } from './cost-table-definition.ts';

describe('costTableDefinition', () => {
  it('is the design’s table: userId + timestamp keys, month GSI with an INCLUDE projection, on-demand, encrypted', () => {
    expect(costTableDefinition('serenya-llm-cost-tracking')).toEqual({
      TableName: 'serenya-llm-cost-tracking',
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
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['inputTokens', 'outputTokens', 'totalCost'] },
        },
      ],
      SSESpecification: { Enabled: true, SSEType: 'KMS' },
    });
  });

  it('takes a customer-managed key', () => {
    expect(costTableDefinition('t', { kmsKeyId: 'alias/serenya-data' }).SSESpecification).toEqual({ Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/serenya-data' });
  });
});
