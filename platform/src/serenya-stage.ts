/**
 * One deployment stage (`Development`, `Production`): the main stack in the stage's region, the
 * CloudFront-scope WAF stack in us-east-1 (where CloudFront's WAF and certificates must live) and
 * the backup-vault stack in the backup region. `cdk synth` writes them to
 * `cdk.out/assembly-<Stage>/`.
 *
 * @example
 * ```ts
 * new SerenyaStage(app, 'Development', { config: readStageConfig(app, 'development') });
 * ```
 * @module
 */
import { Arn, ArnFormat, Aws, Stage, type App, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { readStageConfig, stageId, StageNames, type StageConfig, type StageName } from './stage-config.ts';
import { BackupVaultStack, drVaultName } from './stacks/backup-vault-stack.ts';
import { EdgeSecurityStack } from './stacks/edge-security-stack.ts';
import { SerenyaStack } from './stacks/serenya-stack.ts';

/** CloudFront's WAF web ACLs and certificates must live here. */
export const EDGE_REGION = 'us-east-1';

export interface SerenyaStageProps extends StageProps {
  readonly config: StageConfig;
}

export class SerenyaStage extends Stage {
  readonly config: StageConfig;
  readonly main: SerenyaStack;
  readonly edgeSecurity: EdgeSecurityStack;
  readonly backupVault: BackupVaultStack;

  constructor(scope: Construct, id: string, props: SerenyaStageProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    const env = (region: string) => ({ region, ...(config.account ? { account: config.account } : {}) });
    this.edgeSecurity = new EdgeSecurityStack(this, 'EdgeSecurity', {
      stackName: `serenya-${config.stage}-edge-security`,
      description: `Serenya ${config.stage}: CloudFront WAF web ACL and certificate (us-east-1)`,
      env: env(EDGE_REGION),
      crossRegionReferences: true,
      config,
    });
    this.backupVault = new BackupVaultStack(this, 'BackupVault', {
      stackName: `serenya-${config.stage}-backup-vault`,
      description: `Serenya ${config.stage}: cross-region backup copies (${config.backupRegion})`,
      env: env(config.backupRegion),
      stage: config.stage,
    });
    this.main = new SerenyaStack(this, 'Serenya', {
      stackName: `serenya-${config.stage}`,
      description: `Serenya ${config.stage}: API, functions, data, audit and alarms`,
      env: env(config.region),
      crossRegionReferences: true,
      config,
      terminationProtection: config.stage === 'production',
      webAclArn: this.edgeSecurity.webAcl.attrArn,
      ...(this.edgeSecurity.certificate ? { certificate: this.edgeSecurity.certificate } : {}),
      copyVaultArn: Arn.format({
        partition: Aws.PARTITION,
        service: 'backup',
        region: config.backupRegion,
        account: config.account ?? Aws.ACCOUNT_ID,
        resource: 'backup-vault',
        resourceName: drVaultName(config.stage),
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    });
    // Copies need the vault first; CloudFront needs the web ACL (the reference adds that one).
    this.main.addStackDependency(this.backupVault);
  }
}

/** Every stage of {@link StageNames} in `app`, each configured from the app's context (cdk.json or `-c`). */
export function addStages(app: App): Record<StageName, SerenyaStage> {
  const stages = {} as Record<StageName, SerenyaStage>;
  for (const name of StageNames) stages[name] = new SerenyaStage(app, stageId(name), { config: readStageConfig(app, name) });
  return stages;
}
