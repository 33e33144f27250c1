/**
 * The original design's "region failure" procedure, re-thought for AWS Backup: there is no warm
 * standby region; the daily copies in the backup region's vault (365 days) are the standby. RPO
 * is therefore up to a day (the last daily copy); RTO is a stack deployment plus two restores.
 *
 * 1. (manual) deploy the stage's main stack in the backup region;
 * 2. find the newest copied recovery points of the database and the cost table;
 * 3. restore both in the backup region (AWS Backup restore jobs, with the plan's role);
 * 4. swap the restored database in under the stack's identifier and point RDS Proxy at it;
 * 5. copy the restored cost items into the stack's table (the functions may use only that one);
 * 6. recycle the functions; 7. (manual) point DNS / clients at the new stack's ApiUrl.
 *
 * @example
 * ```ts
 * await runRunbook(regionFailure(target, { restoreRoleArn }), options);
 * ```
 * @module
 */
import { DescribeRestoreJobCommand, GetRecoveryPointRestoreMetadataCommand, ListRecoveryPointsByBackupVaultCommand, StartRestoreJobCommand } from '@aws-sdk/client-backup';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeDBInstancesCommand, ModifyDBInstanceCommand, RegisterDBProxyTargetsCommand, waitUntilDBInstanceAvailable } from '@aws-sdk/client-rds';
import { stageId } from '../stage-config.ts';
import type { DrTarget } from './dr-target.ts';
import { recycleFunctionsStep } from './recycle-functions.ts';
import { RDS_WAIT, required, type DrClients, type Runbook } from './runbook.ts';

export interface RegionFailureOptions {
  /** The role AWS Backup restores with; default the stack output BackupRoleArn. */
  readonly restoreRoleArn?: string;
}

export function regionFailure(target: DrTarget, options: RegionFailureOptions = {}): Runbook {
  const region = target.backupRegion;
  const db = target.databaseInstanceIdentifier;
  const restoredDb = `${db}-restored-${target.runId}`;
  const restoredTable = `${target.costTableName}-restored-${target.runId}`;
  return {
    name: `region-failure: ${target.stage} (${target.region} → ${region})`,
    summary: `Bring ${target.stage} up in ${region} from the copies in ${target.drVaultName}. RPO ≤ 24 h (daily copy at 02:00 UTC); RTO ≈ stack deployment + restores (about 1-2 h).`,
    steps: [
      {
        title: `Deploy the ${target.stage} main stack in ${region}`,
        detail: `In cdk.json set serenya:stages.${target.stage}.region to ${region} and backupRegion to ${target.region} (copies then flow back once ${target.region} returns), then \`npx cdk deploy '${stageId(target.stage)}/*'\` with the production role.`,
      },
      {
        title: `Check the stack ${target.stackName} in ${region} and read its outputs`,
        detail: 'DescribeStacks: fails here (before anything is restored) if the deployment above is missing.',
        run: async (clients, state, log) => {
          const { Stacks } = await clients.cloudFormation(region).send(new DescribeStacksCommand({ StackName: target.stackName }));
          const outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
          state.restoreRoleArn = options.restoreRoleArn ?? outputs.BackupRoleArn ?? '';
          state.apiUrl = outputs.ApiUrl ?? '';
          log(`stack ${Stacks?.[0]?.StackStatus ?? 'unknown'}; ApiUrl ${state.apiUrl}`);
        },
      },
      {
        title: `Find the newest copied recovery points in ${target.drVaultName}`,
        detail: 'ListRecoveryPointsByBackupVault for RDS and DynamoDB, completed ones only, newest first.',
        run: async (clients, state, log) => {
          state.dbRecoveryPoint = await newestRecoveryPoint(clients, region, target.drVaultName, 'RDS');
          state.tableRecoveryPoint = await newestRecoveryPoint(clients, region, target.drVaultName, 'DynamoDB');
          log(`database ${state.dbRecoveryPoint}; cost table ${state.tableRecoveryPoint}`);
        },
      },
      {
        title: `Restore the database as ${restoredDb} and the cost table as ${restoredTable}`,
        detail: `AWS Backup restore jobs in ${region}, into the new stack's subnet group and security groups, Multi-AZ as the stage.`,
        run: async (clients, state, log) => {
          const rds = clients.rds(region);
          const { DBInstances } = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: db }));
          const fresh = DBInstances?.[0];
          const backup = clients.backup(region);
          const dbPoint = required(state, 'dbRecoveryPoint');
          const { RestoreMetadata } = await backup.send(new GetRecoveryPointRestoreMetadataCommand({ BackupVaultName: target.drVaultName, RecoveryPointArn: dbPoint }));
          const dbJob = await backup.send(
            new StartRestoreJobCommand({
              RecoveryPointArn: dbPoint,
              IamRoleArn: required(state, 'restoreRoleArn'),
              Metadata: {
                ...RestoreMetadata,
                DBInstanceIdentifier: restoredDb,
                DBSubnetGroupName: fresh?.DBSubnetGroup?.DBSubnetGroupName ?? '',
                VpcSecurityGroupIds: JSON.stringify((fresh?.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId)),
                MultiAZ: String(target.multiAz),
                PubliclyAccessible: 'false',
              },
            }),
          );
          const tableJob = await backup.send(
            new StartRestoreJobCommand({
              RecoveryPointArn: required(state, 'tableRecoveryPoint'),
              IamRoleArn: required(state, 'restoreRoleArn'),
              Metadata: { targetTableName: restoredTable },
            }),
          );
          state.dbRestoreJob = dbJob.RestoreJobId ?? '';
          state.tableRestoreJob = tableJob.RestoreJobId ?? '';
          log(`restore jobs ${state.dbRestoreJob}, ${state.tableRestoreJob}`);
        },
      },
      {
        title: 'Wait for both restore jobs',
        detail: 'Polls DescribeRestoreJob every minute until both are COMPLETED (fails on FAILED or ABORTED).',
        run: async (clients, state) => {
          for (const job of [required(state, 'dbRestoreJob'), required(state, 'tableRestoreJob')]) await waitForRestoreJob(clients, region, job);
        },
      },
      {
        title: `Swap ${restoredDb} in as ${db} and point RDS Proxy at it`,
        detail: `Renames the stack's empty instance to ${db}-empty-${target.runId} (delete it by hand later), the restored one to ${db}, and registers it with ${target.proxyName}.`,
        run: async (clients) => {
          const rds = clients.rds(region);
          await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: db, NewDBInstanceIdentifier: `${db}-empty-${target.runId}`, ApplyImmediately: true }));
          await waitUntilDBInstanceAvailable({ client: rds, ...RDS_WAIT }, { DBInstanceIdentifier: `${db}-empty-${target.runId}` });
          await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: restoredDb, NewDBInstanceIdentifier: db, ApplyImmediately: true }));
          await waitUntilDBInstanceAvailable({ client: rds, ...RDS_WAIT }, { DBInstanceIdentifier: db });
          await rds.send(new RegisterDBProxyTargetsCommand({ DBProxyName: target.proxyName, DBInstanceIdentifiers: [db] }));
        },
      },
      {
        title: `Copy the restored cost items into ${target.costTableName}`,
        detail: 'Scan + BatchWrite (the functions may use only the stack\'s table); delete the restored table afterwards by hand.',
        run: async (_clients, _state, log) => {
          const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region }));
          let copied = 0;
          let ExclusiveStartKey: Record<string, unknown> | undefined;
          do {
            const page = await documents.send(new ScanCommand({ TableName: restoredTable, ExclusiveStartKey, Limit: 25 }));
            const items = page.Items ?? [];
            if (items.length > 0) await documents.send(new BatchWriteCommand({ RequestItems: { [target.costTableName]: items.map((Item) => ({ PutRequest: { Item } })) } }));
            copied += items.length;
            ExclusiveStartKey = page.LastEvaluatedKey;
          } while (ExclusiveStartKey);
          log(`${copied} items copied`);
        },
      },
      recycleFunctionsStep(target, region),
      {
        title: 'Point clients at the recovered stage',
        detail: `Custom domain: move the web and API records to the new distribution (ApiUrl output in ${region}). Without one, publish the new ApiUrl to the clients. Then GRANT rds_iam to the app login user if the restored database lacks it, and watch the alarms of serenya-${target.stage}.`,
      },
    ],
  };
}

async function newestRecoveryPoint(clients: DrClients, region: string, vault: string, resourceType: string): Promise<string> {
  const { RecoveryPoints } = await clients.backup(region).send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault, ByResourceType: resourceType }));
  const newest = (RecoveryPoints ?? [])
    .filter((point) => point.Status === 'COMPLETED' && point.RecoveryPointArn)
    .sort((a, b) => (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0))[0];
  if (!newest?.RecoveryPointArn) throw new Error(`no completed ${resourceType} recovery point in ${vault} (${region})`);
  return newest.RecoveryPointArn;
}

async function waitForRestoreJob(clients: DrClients, region: string, restoreJobId: string): Promise<void> {
  for (;;) {
    const { Status, StatusMessage } = await clients.backup(region).send(new DescribeRestoreJobCommand({ RestoreJobId: restoreJobId }));
    if (Status === 'COMPLETED') return;
    if (Status === 'FAILED' || Status === 'ABORTED') throw new Error(`restore job ${restoreJobId} ${Status}: ${StatusMessage ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
}
