/**
 * One stack's view of its template: pseudo parameters, parameter values, conditions and which
 * resources exist under them, all through the template module's intrinsic resolver. Shared by
 * provisioning, the drift check and the alarm evaluator, so all three read the template the
 * same way (and the same way as the local runtime).
 * @module
 */
import { createIntrinsicResolver, type IntrinsicResolver } from '../template/intrinsic-resolver.ts';
import type { CfnTemplate, ProvisionedResources } from '../template/template-types.ts';

export interface StackIdentity {
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  /** Parameter values that override the template's defaults. */
  readonly parameters?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The stack's resolver over `provisioned`, which it reads at each resolution: the provisioner
 * passes the map it adds each wave's resources to.
 */
export function stackResolver(template: CfnTemplate, stack: StackIdentity, provisioned: ProvisionedResources): IntrinsicResolver {
  return createIntrinsicResolver({
    template,
    provisioned,
    pseudo: { region: stack.region, accountId: stack.accountId, stackName: stack.stackName },
    ...(stack.parameters === undefined ? {} : { parameters: stack.parameters }),
  });
}

/** Logical ids of the resources whose `Condition` holds (or that have none). */
export function includedResourceIds(template: CfnTemplate, resolver: IntrinsicResolver): string[] {
  return Object.keys(template.Resources).filter((logicalId) => resolver.isActive(logicalId));
}

/** Every included resource's properties (of `types`, when given) with intrinsics resolved against `provisioned`. */
export function resolvedProperties(template: CfnTemplate, stack: StackIdentity, provisioned: ProvisionedResources, types?: ReadonlySet<string>): Map<string, Record<string, unknown>> {
  const resolver = stackResolver(template, stack, provisioned);
  const result = new Map<string, Record<string, unknown>>();
  for (const logicalId of includedResourceIds(template, resolver)) {
    const resource = template.Resources[logicalId];
    if (resource === undefined || (types !== undefined && !types.has(resource.Type))) continue;
    result.set(logicalId, resolver.resolveProperties(logicalId));
  }
  return result;
}
