/**
 * AWS Backup for the stage's stateful stores (RDS and the cost table): a daily backup at 02:00
 * UTC (ORIGINAL-DESIGN.md `cron(0 2 ? * * *)`), kept 35 days in a local vault encrypted with the
 * backup key, and copied to the backup region's vault (backup-vault stack), kept there 365 days.
 * RDS keeps its own 30-day automated backups (point-in-time restore) besides.
 *
 * @example
 * ```ts
 * new SerenyaBackupPlan(this, 'Backup', { stage, key: keys.backup, copyVaultArn, resources: [db, table] });
 * ```
 * @module
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IDatabaseInstance } from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

const DAILY_BACKUP_SCHEDULE = Schedule.expression('cron(0 2 * * ? *)');
const LOCAL_RETENTION = Duration.days(35);
const COPY_RETENTION = Duration.days(365);

export interface SerenyaBackupPlanProps {
  readonly stage: string;
  readonly key: IKey;
  /** The backup-region vault copies go to. */
  readonly copyVaultArn: string;
  readonly database: IDatabaseInstance;
  readonly costTable: ITable;
}

export class SerenyaBackupPlan extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;
  /** AWS Backup's role for this selection: backs up, and restores in the DR runbook. */
  readonly role: IRole;

  constructor(scope: Construct, id: string, props: SerenyaBackupPlanProps) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: `serenya-${props.stage}-vault`,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const copyVault = BackupVault.fromBackupVaultArn(this, 'CopyVault', props.copyVaultArn);
    this.plan = new BackupPlan(this, 'Plan', { backupPlanName: `serenya-${props.stage}-daily`, backupVault: this.vault });
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: 'DailyBackups',
        scheduleExpression: DAILY_BACKUP_SCHEDULE,
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(4),
        deleteAfter: LOCAL_RETENTION,
        copyActions: [{ destinationBackupVault: copyVault, deleteAfter: COPY_RETENTION }],
      }),
    );
    const selection = this.plan.addSelection('StatefulStores', {
      backupSelectionName: `serenya-${props.stage}-stateful-stores`,
      // The DR runbook restores with this role (region failure: from the copied points).
      allowRestores: true,
      resources: [BackupResource.fromRdsDatabaseInstance(props.database), BackupResource.fromDynamoDbTable(props.costTable)],
    });
    this.role = selection.grantPrincipal as IRole;
  }
}
