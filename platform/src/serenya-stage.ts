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
import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from './stage-config.ts';
import { SerenyaStack } from './stacks/serenya-stack.ts';

export interface SerenyaStageProps extends StageProps {
  readonly config: StageConfig;
}

export class SerenyaStage extends Stage {
  readonly main: SerenyaStack;

  constructor(scope: Construct, id: string, props: SerenyaStageProps) {
    super(scope, id, props);
    const { config } = props;
    const env = (region: string) => ({ region, ...(config.account ? { account: config.account } : {}) });
    this.main = new SerenyaStack(this, 'Serenya', {
      stackName: `serenya-${config.stage}`,
      description: `Serenya ${config.stage}: API, functions, data, audit and alarms`,
      env: env(config.region),
      config,
      terminationProtection: config.stage === 'production',
    });
  }
}
