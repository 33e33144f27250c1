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
import type { StageConfig } from '../stage-config.ts';
import { drVaultName } from '../stacks/backup-vault-stack.ts';

export interface DrTarget {
  readonly stage: string;
  readonly region: string;
  readonly backupRegion: string;
  readonly stackName: string;
  readonly databaseInstanceIdentifier: string;
  readonly proxyName: string;
  readonly costTableName: string;
  readonly drVaultName: string;
  readonly multiAz: boolean;
  /** Functions whose configuration names the cost table. */
  readonly costTableFunctions: readonly string[];
  /** Suffix for the names of what a run creates or sets aside, e.g. 20261125t1630. */
  readonly runId: string;
}

export function drTarget(config: StageConfig, now: Date): DrTarget {
  const prefix = `serenya-${config.stage}`;
  return {
    stage: config.stage,
    region: config.region,
    backupRegion: config.backupRegion,
    stackName: prefix,
    databaseInstanceIdentifier: `${prefix}-db`,
    proxyName: `${prefix}-db-proxy`,
    costTableName: costTableName(config.stage),
    drVaultName: drVaultName(config.stage),
    multiAz: config.database.multiAz,
    costTableFunctions: ['chat', 'content', 'processor'].map((name) => `${prefix}-${name}`),
    runId: now.toISOString().slice(0, 16).replaceAll(/[-:]/g, '').toLowerCase(),
  };
}
