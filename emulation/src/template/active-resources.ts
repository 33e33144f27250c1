/**
 * The template without the resources whose `Condition` is false: CloudFormation would not
 * create them, so the emulation must not run or serve them either.
 * @module
 */
import { createIntrinsicResolver, type PseudoParameters } from './intrinsic-resolver.ts';
import type { CfnTemplate } from './template-types.ts';

/**
 * @example
 * ```ts
 * const template = withoutInactiveResources(synthesized, { region: 'eu-west-1', accountId: '123456789012' });
 * ```
 */
export function withoutInactiveResources(template: CfnTemplate, pseudo: PseudoParameters, parameters?: Readonly<Record<string, unknown>>): CfnTemplate {
  if (!Object.values(template.Resources).some((resource) => resource.Condition !== undefined)) return template;
  // Conditions read parameters and pseudo parameters only, never resources.
  const resolver = createIntrinsicResolver({ template, provisioned: new Map(), pseudo, ...(parameters === undefined ? {} : { parameters }) });
  return {
    ...template,
    Resources: Object.fromEntries(
      Object.entries(template.Resources).filter(([logicalId]) => resolver.isActive(logicalId)),
    ),
  };
}
