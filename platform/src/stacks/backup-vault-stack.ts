/**
 * The backup-region stack of a stage: the vault that receives the daily cross-region copies
 * (kept 365 days), encrypted with a key of that region. Its name is fixed
 * (`serenya-<stage>-dr-vault`), so the main stack names its ARN without a cross-region lookup.
 *
 * @example
 * ```ts
 * new BackupVaultStack(stage, 'BackupVault', { env: { region: 'eu-central-1' }, stage: 'production' });
 * ```
 * @module
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { BackupVault } from 'aws-cdk-lib/aws-backup';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { keyAlias } from '../constructs/keys/serenya-keys.ts';

/** The copy vault's name in the backup region. */
export function drVaultName(stage: string): string {
  return `serenya-${stage}-dr-vault`;
}

export interface BackupVaultStackProps extends StackProps {
  readonly stage: string;
}

export class BackupVaultStack extends Stack {
  readonly vault: BackupVault;

  constructor(scope: Construct, id: string, props: BackupVaultStackProps) {
    super(scope, id, props);
    const key = new Key(this, 'VaultKey', {
      alias: keyAlias(props.stage, 'dr-vault'),
      description: `Serenya ${props.stage}: cross-region backup copies`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.vault = new BackupVault(this, 'Vault', { backupVaultName: drVaultName(props.stage), encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN });
  }
}
