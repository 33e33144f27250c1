/**
 * The drift check: reads every provisioned resource back from moto (the Describe and Get calls) and lists
 * where it differs from the template. An empty list means moto holds what the template says.
 * @module
 */
import type { CfnTemplate, ProvisionedResources } from '../template/template-types.ts';
import { createAwsClients, MOTO_DEFAULT_ACCOUNT_ID, type AwsTarget } from './aws-target.ts';
import type { Difference } from './resource-handler.ts';
import { RESOURCE_HANDLERS } from './resource-handlers.ts';
import { resolvedProperties } from './template-context.ts';

export type { Difference } from './resource-handler.ts';

export interface CompareOptions {
  /** The stack name given to `provisionTemplate` (for `AWS::StackName`). Default `local`. */
  readonly stackName?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/**
 * @example
 * ```ts
 * const differences = await compareWithTemplate(template, resources, aws, { stackName });
 * expect(differences).toEqual([]);
 * ```
 */
export async function compareWithTemplate(
  template: CfnTemplate,
  provisioned: ProvisionedResources,
  aws: AwsTarget,
  options: CompareOptions = {},
): Promise<Difference[]> {
  const stack = { stackName: options.stackName ?? 'local', region: aws.region, accountId: aws.accountId ?? MOTO_DEFAULT_ACCOUNT_ID, parameters: options.parameters };
  const properties = resolvedProperties(template, stack, provisioned, new Set(RESOURCE_HANDLERS.keys()));
  const clients = createAwsClients(aws);
  const context = { clients, region: stack.region, accountId: stack.accountId, stackName: stack.stackName, log: () => undefined };
  try {
    const results = await Promise.all(
      [...properties].map(async ([logicalId, resourceProperties]) => {
        const resource = provisioned.get(logicalId);
        const handler = RESOURCE_HANDLERS.get(template.Resources[logicalId]?.Type ?? '');
        if (handler === undefined) return [];
        if (resource === undefined) return [{ logicalId, type: handler.type, property: '(resource)', expected: 'provisioned', actual: 'missing' }];
        return handler.compare(context, resource, resourceProperties);
      }),
    );
    return results.flat();
  } finally {
    clients.destroy();
  }
}
