/**
 * Creates in moto what a CloudFormation template declares, through the AWS SDK, in dependency
 * order (independent resources in parallel). Types the emulator has no use for get a
 * placeholder so references to them resolve. See README.md for which type goes which way.
 * @module
 */
import { UnresolvableReferenceError } from '../template/intrinsic-resolver.ts';
import type { CfnTemplate, ProvisionedResource, ProvisionedResources } from '../template/template-types.ts';
import { createAwsClients, MOTO_DEFAULT_ACCOUNT_ID, type AwsTarget } from './aws-target.ts';
import { dependencyWaves } from './dependency-order.ts';
import type { ProvisionContext } from './resource-handler.ts';
import { RESOURCE_HANDLERS } from './resource-handlers.ts';
import { PLACEHOLDER_NAME_PROPERTIES, placeholderResource, skipReason } from './skipped-resource-types.ts';
import { includedResourceIds, stackResolver, type StackIdentity } from './template-context.ts';

export interface ProvisionTemplateOptions {
  readonly template: CfnTemplate;
  readonly aws: AwsTarget;
  /** The stack's name: `AWS::StackName`, and the prefix of generated physical names. */
  readonly stackName: string;
  /** Parameter values overriding the template's defaults. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Receives one line per notable decision and a summary with the time taken. Default: silent. */
  readonly log?: (line: string) => void;
}

/**
 * Thrown when moto refuses a resource, or one of its properties cannot be resolved: names the
 * resource, keeps moto's error (or the `UnresolvableReferenceError`) as `cause`.
 */
export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError';
  readonly logicalId: string;
  readonly resourceType: string;

  constructor(logicalId: string, resourceType: string, cause: unknown) {
    const where = cause instanceof UnresolvableReferenceError ? '' : ' in moto';
    super(`provisioning ${logicalId} (${resourceType})${where} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.logicalId = logicalId;
    this.resourceType = resourceType;
  }
}

/**
 * @example
 * ```ts
 * const resources = await provisionTemplate({
 *   template, stackName: 'serenya-development',
 *   aws: { endpoint: backend.aws.endpoint, region: backend.aws.region, credentials: backend.aws },
 *   log: (line) => console.warn(line),
 * });
 * resources.get('DocumentsBucket')?.ref; // the bucket's name
 * ```
 */
export async function provisionTemplate(options: ProvisionTemplateOptions): Promise<ProvisionedResources> {
  const startedAt = performance.now();
  const log = options.log ?? (() => undefined);
  const stack: StackIdentity = {
    stackName: options.stackName,
    region: options.aws.region,
    accountId: options.aws.accountId ?? MOTO_DEFAULT_ACCOUNT_ID,
    parameters: options.parameters,
  };
  const provisioned = new Map<string, ProvisionedResource>();
  // Reads `provisioned` as it grows: each wave resolves against the waves before it.
  const resolver = stackResolver(options.template, stack, provisioned);
  const included = includedResourceIds(options.template, resolver);
  const resources = Object.fromEntries(included.map((logicalId) => [logicalId, options.template.Resources[logicalId]!]));
  const clients = createAwsClients(options.aws);
  const provisionContext: ProvisionContext = { clients, region: stack.region, accountId: stack.accountId, stackName: stack.stackName, log };
  const skippedByReason = new Map<string, string[]>();
  try {
    for (const wave of dependencyWaves(resources)) {
      const made = await Promise.all(
        wave.map(async (logicalId): Promise<ProvisionedResource> => {
          const resource = resources[logicalId]!;
          const handler = RESOURCE_HANDLERS.get(resource.Type);
          if (handler === undefined) {
            const reason = skipReason(resource.Type) ?? 'not supported by the emulator (no provisioner for this type)';
            skippedByReason.set(reason, [...(skippedByReason.get(reason) ?? []), resource.Type]);
            return placeholderResource(stack, logicalId, resource.Type, placeholderName(resource.Type, resource.Properties));
          }
          try {
            return await handler.provision(provisionContext, logicalId, resolver.resolveProperties(logicalId));
          } catch (error) {
            throw new ProvisioningError(logicalId, resource.Type, error);
          }
        }),
      );
      for (const resource of made) provisioned.set(resource.logicalId, resource);
    }
  } finally {
    clients.destroy();
  }
  for (const [reason, ids] of skippedByReason) log(`skipped ${ids.length} (${countByType(ids)}): ${reason}`);
  const skipped = [...skippedByReason.values()].reduce((sum, ids) => sum + ids.length, 0);
  log(`provisioned ${provisioned.size - skipped} resources in moto (${skipped} placeholders) in ${Math.round(performance.now() - startedAt)} ms`);
  return provisioned;
}

/** The skipped resource's explicit name when it is a plain string, as the local runtime reads it. */
function placeholderName(type: string, properties: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const property = PLACEHOLDER_NAME_PROPERTIES[type];
  const value = property === undefined ? undefined : properties?.[property];
  return typeof value === 'string' ? value : undefined;
}

/** `AWS::EC2::Subnet ×6, AWS::EC2::VPC` from a list of types. */
function countByType(types: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].map(([type, count]) => (count === 1 ? type : `${type} ×${count}`)).join(', ');
}
