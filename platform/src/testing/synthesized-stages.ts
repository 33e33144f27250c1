/**
 * Test fixture: both stages built once per test file, from cdk.json's context, in an App without
 * the compliance plugins and without esbuild bundling (context `aws:cdk:bundling-stacks: []`),
 * so CDK assertions run in seconds.
 *
 * @example
 * ```ts
 * const { development } = synthesizedStages();
 * development.template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
 * ```
 * @module
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cdkJsonContext } from '../cdk-json-context.ts';
import { SerenyaStage } from '../serenya-stage.ts';
import { readStageConfig, type StageName } from '../stage-config.ts';

export interface SynthesizedStage {
  readonly stage: SerenyaStage;
  /** The main stack's template. */
  readonly template: Template;
  readonly edgeTemplate: Template;
  readonly backupVaultTemplate: Template;
}

export { cdkJsonContext };

let cached: Record<StageName, SynthesizedStage> | undefined;

export function synthesizedStages(): Record<StageName, SynthesizedStage> {
  if (cached) return cached;
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const build = (id: string, name: StageName): SynthesizedStage => {
    const stage = new SerenyaStage(app, id, { config: readStageConfig(app, name) });
    return {
      stage,
      template: Template.fromStack(stage.main),
      edgeTemplate: Template.fromStack(stage.edgeSecurity),
      backupVaultTemplate: Template.fromStack(stage.backupVault),
    };
  };
  const development = build('Development', 'development');
  const production = build('Production', 'production');
  cached = { development, production };
  return cached;
}

/** The resources of one type in a template, by logical id. */
export function resourcesOf(template: Template, type: string): Array<[string, { Properties: Record<string, unknown> }]> {
  return Object.entries(template.findResources(type)) as Array<[string, { Properties: Record<string, unknown> }]>;
}
