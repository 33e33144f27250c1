/**
 * An explained checkov failure: the check id, the resources it is explained on, and why. Written
 * into each resource's template metadata as `Metadata.checkov.skip: [{id, comment}]`, which
 * checkov reads and reports as skipped with the comment; merged with what is there, never
 * replacing `aws:cdk:path` or other keys (COMPLIANCE.md §4).
 * @module
 */
import { CfnResource, type Stage } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { MIN_REASON_LENGTH, resolveTarget, type StageName, type Target } from './acknowledgement.ts';
import type { TemplateCheckovSkip } from './template-checkov-skips.ts';

export interface CheckovSkip {
  /** The checkov check id, e.g. `CKV_AWS_117`. */
  readonly check: string;
  /** The construct whose CloudFormation resources (itself and its subtree) the explanation covers. */
  readonly at: Target;
  /** Only resources of this CloudFormation type inside the target. Default: every resource. */
  readonly resourceType?: string;
  readonly comment: string;
  readonly stages?: readonly StageName[];
}

/** A resource's `checkov` metadata: the skip entries checkov reads, and whatever else is there. */
export interface CheckovMetadata {
  readonly skip?: readonly { readonly id: string; readonly comment: string }[];
  readonly [key: string]: unknown;
}

/** The metadata with one skip entry set: other entries and keys kept, an earlier entry for the same check replaced. */
export function withCheckovSkip(metadata: CheckovMetadata | undefined, check: string, comment: string): CheckovMetadata {
  return { ...metadata, skip: [...(metadata?.skip ?? []).filter((s) => s.id !== check), { id: check, comment }] };
}

export function checkovSkipProblems(skip: CheckovSkip | TemplateCheckovSkip): string[] {
  const problems: string[] = [];
  if (!/^CKV2?_AWS_\d+$/.test(skip.check)) problems.push(`${skip.check} is not a checkov AWS check id`);
  if (skip.comment.trim().length < MIN_REASON_LENGTH) problems.push(`comment for ${skip.check} is shorter than ${MIN_REASON_LENGTH} characters`);
  return problems;
}

/** Adds one skip entry to a resource's `checkov` metadata, keeping entries already there. */
export function addCheckovSkip(resource: CfnResource, check: string, comment: string): void {
  resource.addMetadata('checkov', withCheckovSkip(resource.getMetadata('checkov') as CheckovMetadata | undefined, check, comment));
}

const cfnResourcesIn = (construct: IConstruct): CfnResource[] =>
  construct.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));

export function applyCheckovSkip(stages: readonly Stage[], skip: CheckovSkip): void {
  const problems = checkovSkipProblems(skip);
  if (problems.length > 0) throw new Error(`unacceptable checkov explanation: ${problems.join('; ')}`);
  for (const stage of stages) {
    if (skip.stages && !skip.stages.includes(stage.stageName as StageName)) continue;
    for (const target of resolveTarget(stage, skip.at)) {
      for (const resource of cfnResourcesIn(target)) {
        if (skip.resourceType === undefined || resource.cfnResourceType === skip.resourceType) addCheckovSkip(resource, skip.check, skip.comment);
      }
    }
  }
}
