/**
 * The original design's "database failure" procedure, re-thought for Multi-AZ and RDS Proxy.
 *
 * An instance or AZ failure needs no runbook: Multi-AZ fails over to the standby by itself and
 * RDS Proxy follows it, with no change to the functions. This procedure is for what Multi-AZ
 * replicates faithfully: corrupted or deleted data, or a lost instance. It restores the database
 * to a point in time (default: the latest restorable, within the 30-day retention) as a new
 * instance, swaps the names so the stack's instance identifier names the restored one, and
 * points RDS Proxy at it. The functions connect through the proxy's unchanged endpoint, so their
 * configuration does not change (the original's "update DATABASE_URL" step is gone).
 *
 * @example
 * ```ts
 * await runRunbook(databaseFailure(target, { restoreTime: '2026-11-25T09:00:00Z' }), options);
 * ```
 * @module
 */
import {
  DeregisterDBProxyTargetsCommand,
  DescribeDBInstancesCommand,
  DescribeDBProxyTargetsCommand,
  ModifyDBInstanceCommand,
  RegisterDBProxyTargetsCommand,
  RestoreDBInstanceToPointInTimeCommand,
  waitUntilDBInstanceAvailable,
} from '@aws-sdk/client-rds';
import { DATABASE_LOG_EXPORTS } from '../constructs/database/serenya-database.ts';
import type { DrTarget } from './dr-target.ts';
import { recycleFunctionsStep } from './recycle-functions.ts';
import { RDS_WAIT, required, type Runbook } from './runbook.ts';

export interface DatabaseFailureOptions {
  /** ISO time to restore to; default the latest restorable time. */
  readonly restoreTime?: string;
}

export function databaseFailure(target: DrTarget, options: DatabaseFailureOptions = {}): Runbook {
  const original = target.databaseInstanceIdentifier;
  const restored = `${original}-restored-${target.runId}`;
  const failed = `${original}-failed-${target.runId}`;
  const when = options.restoreTime ?? 'the latest restorable time';
  return {
    name: `database-failure: ${target.stage} (${target.region})`,
    summary: `Restore ${original} to ${when} as a new instance, swap it in under the same identifier, point RDS Proxy at it. RTO ≈ restore time + 15 min; RPO ≤ 5 min (PITR).`,
    steps: [
      {
        title: `Check ${original} and its restorable window`,
        detail: 'Reads the instance (subnet group, security groups, parameter group, latest restorable time). Multi-AZ failover needs no runbook: run this for data loss or a lost instance.',
        run: async (clients, state, log) => {
          const { DBInstances } = await clients.rds(target.region).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: original }));
          const db = DBInstances?.[0];
          if (!db) throw new Error(`no instance ${original}`);
          state.subnetGroup = db.DBSubnetGroup?.DBSubnetGroupName ?? '';
          state.securityGroups = (db.VpcSecurityGroups ?? []).map((group) => group.VpcSecurityGroupId).join(',');
          state.parameterGroup = db.DBParameterGroups?.[0]?.DBParameterGroupName ?? '';
          log(`latest restorable time ${db.LatestRestorableTime?.toISOString() ?? 'unknown'}; status ${db.DBInstanceStatus ?? 'unknown'}`);
        },
      },
      {
        title: `Restore to ${when} as ${restored}`,
        detail: 'RestoreDBInstanceToPointInTime into the same subnets, security groups and parameter group; encrypted with the same key, IAM auth on, deletion protection on, Multi-AZ as the stage.',
        run: async (clients, state, log) => {
          await clients.rds(target.region).send(
            new RestoreDBInstanceToPointInTimeCommand({
              SourceDBInstanceIdentifier: original,
              TargetDBInstanceIdentifier: restored,
              ...(options.restoreTime ? { RestoreTime: new Date(options.restoreTime) } : { UseLatestRestorableTime: true }),
              DBSubnetGroupName: required(state, 'subnetGroup'),
              VpcSecurityGroupIds: required(state, 'securityGroups').split(','),
              DBParameterGroupName: required(state, 'parameterGroup'),
              MultiAZ: target.multiAz,
              PubliclyAccessible: false,
              EnableIAMDatabaseAuthentication: true,
              DeletionProtection: true,
              CopyTagsToSnapshot: true,
              EnableCloudwatchLogsExports: [...DATABASE_LOG_EXPORTS],
            }),
          );
          log(`restoring ${restored}`);
        },
      },
      {
        title: `Wait until ${restored} is available`,
        detail: 'Polls every 30-60 s, up to 3 hours.',
        run: async (clients) => {
          await waitUntilDBInstanceAvailable({ client: clients.rds(target.region), ...RDS_WAIT }, { DBInstanceIdentifier: restored });
        },
      },
      {
        title: `Set the failed instance aside as ${failed}`,
        detail: 'Renames it (kept for forensics; delete it by hand once the incident is closed: it has deletion protection).',
        run: async (clients) => {
          const rds = clients.rds(target.region);
          await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: original, NewDBInstanceIdentifier: failed, ApplyImmediately: true }));
          await waitUntilDBInstanceAvailable({ client: rds, ...RDS_WAIT }, { DBInstanceIdentifier: failed });
        },
      },
      {
        title: `Rename ${restored} to ${original}`,
        detail: 'The stack, the alarms, the dashboard and the log groups name the instance by this identifier; they now see the restored one.',
        run: async (clients) => {
          const rds = clients.rds(target.region);
          await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: restored, NewDBInstanceIdentifier: original, ApplyImmediately: true }));
          await waitUntilDBInstanceAvailable({ client: rds, ...RDS_WAIT }, { DBInstanceIdentifier: original });
        },
      },
      {
        title: `Point RDS Proxy ${target.proxyName} at ${original}`,
        detail: 'Deregisters the set-aside instance and registers the restored one in the default target group; the functions keep their DATABASE_URL (the proxy endpoint).',
        run: async (clients) => {
          const rds = clients.rds(target.region);
          await rds.send(new DeregisterDBProxyTargetsCommand({ DBProxyName: target.proxyName, DBInstanceIdentifiers: [failed] })).catch(() => undefined);
          await rds.send(new RegisterDBProxyTargetsCommand({ DBProxyName: target.proxyName, DBInstanceIdentifiers: [original] }));
        },
      },
      {
        title: 'Check the proxy target is healthy',
        detail: 'DescribeDBProxyTargets: the target must report AVAILABLE before traffic is trusted again.',
        run: async (clients, _state, log) => {
          const { Targets } = await clients.rds(target.region).send(new DescribeDBProxyTargetsCommand({ DBProxyName: target.proxyName }));
          for (const t of Targets ?? []) log(`${t.RdsResourceId ?? '?'}: ${t.TargetHealth?.State ?? 'unknown'} ${t.TargetHealth?.Description ?? ''}`);
        },
      },
      recycleFunctionsStep(target, target.region),
      {
        title: 'Grant the app login user IAM auth again if the restore predates it; watch the alarms',
        detail: `psql as the master user: GRANT rds_iam TO the app login user (README "Database bootstrap"). Then watch serenya-${target.stage}-circuit-breaker-open-database and api-5xx return to OK; run \`npx cdk diff\` to confirm the stack sees no drift.`,
      },
    ],
  };
}
