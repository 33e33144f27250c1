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
import { addStages, type SerenyaStage } from '../serenya-stage.ts';
import { StageNames, type StageName } from '../stage-config.ts';

export interface SynthesizedStage {
  readonly stage: SerenyaStage;
  /** The main stack's template. */
  readonly template: Template;
  readonly edgeTemplate: Template;
  readonly backupVaultTemplate: Template;
}

/** An App with cdk.json's context that bundles nothing (for tests that build a stage of their own). */
export function unbundledApp(): App {
  return new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
}

let cached: Record<StageName, SynthesizedStage> | undefined;

/** The stages as bin/app.ts builds them (its `addStages`), synthesized once per test file. */
export function synthesizedStages(): Record<StageName, SynthesizedStage> {
  if (cached) return cached;
  const stages = addStages(unbundledApp());
  const synthesized = {} as Record<StageName, SynthesizedStage>;
  for (const name of StageNames) {
    const stage = stages[name];
    synthesized[name] = {
      stage,
      template: Template.fromStack(stage.main),
      edgeTemplate: Template.fromStack(stage.edgeSecurity),
      backupVaultTemplate: Template.fromStack(stage.backupVault),
    };
  }
  cached = synthesized;
  return cached;
}

/** The resources of one type in a template, by logical id. */
export function resourcesOf(template: Template, type: string): Array<[string, { Properties: Record<string, unknown> }]> {
  return Object.entries(template.findResources(type)) as Array<[string, { Properties: Record<string, unknown> }]>;
}
