/**
 * The LLM cost table of ORIGINAL-DESIGN.md ("Cost Tracking Infrastructure"): one item per model
 * call, keyed by user and call time, with the `monthly-usage-index` the services query for a
 * user's month, a one-year TTL (`ttl`, written by the services), on-demand billing, point-in-time
 * recovery and a customer-managed key. `Table`, not `TableV2`: the compliance rules check only
 * `Table`.
 *
 * @example
 * ```ts
 * const costs = new CostTable(this, 'CostTable', { stage, key: keys.phi });
 * costs.table.tableName; // serenya-development-llm-cost-tracking
 * ```
 * @module
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  COST_TABLE_DEFAULT_NAME,
  COST_TABLE_TTL_ATTRIBUTE,
  MONTHLY_USAGE_INDEX,
  MONTHLY_USAGE_PROJECTED_ATTRIBUTES,
} from '../../../../services/shared/src/cost/cost-table-definition.ts';

/** `serenya-<stage>-llm-cost-tracking`: the design's name, per stage (stages may share an account). */
export function costTableName(stage: string): string {
  return COST_TABLE_DEFAULT_NAME.replace(/^serenya-/, `serenya-${stage}-`);
}

export interface CostTableProps {
  readonly stage: string;
  readonly key: IKey;
}

export class CostTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: CostTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      tableName: costTableName(props.stage),
      partitionKey: { name: 'userId', type: AttributeType.STRING },
      sortKey: { name: 'timestamp', type: AttributeType.NUMBER },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: COST_TABLE_TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: MONTHLY_USAGE_INDEX,
      partitionKey: { name: 'userId', type: AttributeType.STRING },
      sortKey: { name: 'month', type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...MONTHLY_USAGE_PROJECTED_ATTRIBUTES],
    });
  }
}
