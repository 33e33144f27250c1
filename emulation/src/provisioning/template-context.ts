/**
 * The resolution context for one stack: pseudo parameters, parameter values, conditions, and
 * which resources exist under those conditions. Shared by provisioning, the drift check and the
 * alarm evaluator, so all three read the template the same way.
 * @module
 */
import type { CfnTemplate, ProvisionedResources } from '../template/template-types.ts';
import { evaluateConditions, parameterValues, resolveIntrinsics, type IntrinsicContext, type PseudoParameters } from './intrinsics.ts';

export interface StackIdentity {
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  /** Parameter values that override the template's defaults. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

export function intrinsicContext(template: CfnTemplate, stack: StackIdentity, resources: ProvisionedResources): IntrinsicContext {
  const pseudo: PseudoParameters = { region: stack.region, accountId: stack.accountId, stackName: stack.stackName };
  const parameters = parameterValues(template, stack.parameters);
  return { resources, parameters, pseudo, conditions: evaluateConditions(template, { resources, parameters, pseudo }) };
}

/** Logical ids of the resources whose `Condition` holds (or that have none). */
export function includedResourceIds(template: CfnTemplate, context: IntrinsicContext): string[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Condition === undefined || context.conditions[resource.Condition] === true)
    .map(([logicalId]) => logicalId);
}

/** Every included resource's properties with intrinsics resolved against `provisioned`. */
export function resolvedProperties(template: CfnTemplate, stack: StackIdentity, provisioned: ProvisionedResources, types?: ReadonlySet<string>): Map<string, Record<string, unknown>> {
  const context = intrinsicContext(template, stack, provisioned);
  const result = new Map<string, Record<string, unknown>>();
  for (const logicalId of includedResourceIds(template, context)) {
    const resource = template.Resources[logicalId];
    if (resource === undefined || (types !== undefined && !types.has(resource.Type))) continue;
    result.set(logicalId, (resolveIntrinsics(resource.Properties ?? {}, context) ?? {}) as Record<string, unknown>);
  }
  return result;
}
