/**
 * Everything the DR procedures need to know about a stage, derived from its configuration and
 * the names the CDK app gives its resources (so the runbook and the stack cannot disagree).
 *
 * @example
 * ```ts
 * const target = drTarget(readStageConfig(app, 'production'), new Date());
 * ```
 * @module
 */
import { costTableName } from '../constructs/cost-table/cost-table.ts';
import { databaseInstanceIdentifier, databaseProxyName } from '../constructs/database/serenya-database.ts';
import type { StageConfig, StageName } from '../stage-config.ts';
import { drVaultName } from '../stacks/backup-vault-stack.ts';

export interface DrTarget {
  readonly stage: StageName;
  readonly region: string;
  readonly backupRegion: string;
  readonly stackName: string;
  readonly databaseInstanceIdentifier: string;
  readonly proxyName: string;
  readonly costTableName: string;
  readonly drVaultName: string;
  readonly multiAz: boolean;
  /** Suffix for the names of what a run creates or sets aside, e.g. 20261125t1630. */
  readonly runId: string;
}

export function drTarget(config: StageConfig, now: Date): DrTarget {
  return {
    stage: config.stage,
    region: config.region,
    backupRegion: config.backupRegion,
    stackName: `serenya-${config.stage}`,
    databaseInstanceIdentifier: databaseInstanceIdentifier(config.stage),
    proxyName: databaseProxyName(config.stage),
    costTableName: costTableName(config.stage),
    drVaultName: drVaultName(config.stage),
    multiAz: config.database.multiAz,
    runId: now.toISOString().slice(0, 16).replaceAll(/[-:]/g, '').toLowerCase(),
  };
}
