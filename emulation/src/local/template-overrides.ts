/**
 * Changes to the synthesized template before the local runtime reads it, for tests and
 * benchmarks that need a limit to bite within seconds: a function's timeout or reserved
 * concurrency, the stage's throttling. The template on disk is never changed; the runtime and
 * provisioning read the same copy, so they agree.
 *
 * Functions are named by their service (`chat`, `processor`…): the `serenya:entry` metadata
 * every service function carries (`services/<service>/src/handler.ts`), not a CDK logical id.
 * @module
 */
import type { CfnResource, CfnTemplate } from '../template/template-types.ts';

export interface FunctionOverride {
  /** Seconds, as `AWS::Lambda::Function.Timeout`. */
  readonly timeoutSeconds?: number;
  /** As `ReservedConcurrentExecutions`. */
  readonly reservedConcurrency?: number;
  /** Added to (and winning over) the function's environment. */
  readonly environment?: Readonly<Record<string, string>>;
}

export interface TemplateOverrides {
  /** By service name. */
  readonly functions?: Readonly<Record<string, FunctionOverride>>;
  /** The HTTP API stage's default route throttling. */
  readonly stageThrottling?: { readonly rateLimit: number; readonly burstLimit: number };
}

/** The service a function runs (`chat` for `services/chat/src/handler.ts`), if it is a service function. */
export function serviceOfFunction(resource: CfnResource): string | undefined {
  const entry = resource.Metadata?.['serenya:entry'];
  if (typeof entry !== 'string') return undefined;
  return /(?:^|\/)services\/([^/]+)\//.exec(entry)?.[1];
}

/**
 * A copy of `template` with `overrides` applied. Throws when an override names a service that
 * has no function, so a renamed service fails the test that relied on it instead of silently
 * testing nothing.
 *
 * @example
 * ```ts
 * const local = applyTemplateOverrides(template, { functions: { chat: { timeoutSeconds: 2 } }, stageThrottling: { rateLimit: 5, burstLimit: 5 } });
 * ```
 */
export function applyTemplateOverrides(template: CfnTemplate, overrides: TemplateOverrides): CfnTemplate {
  const resources = structuredClone<Record<string, CfnResource>>(template.Resources);
  const seen = new Set<string>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::Lambda::Function') {
      const service = serviceOfFunction(resource);
      const override = service === undefined ? undefined : overrides.functions?.[service];
      if (service === undefined || override === undefined) continue;
      seen.add(service);
      const properties: Record<string, unknown> = { ...resource.Properties };
      if (override.timeoutSeconds !== undefined) properties.Timeout = override.timeoutSeconds;
      if (override.reservedConcurrency !== undefined) properties.ReservedConcurrentExecutions = override.reservedConcurrency;
      if (override.environment !== undefined) {
        const environment = (properties.Environment ?? {}) as { Variables?: Record<string, unknown> };
        properties.Environment = { ...environment, Variables: { ...environment.Variables, ...override.environment } };
      }
      resources[logicalId] = { ...resource, Properties: properties };
    }
    if (resource.Type === 'AWS::ApiGatewayV2::Stage' && overrides.stageThrottling !== undefined) {
      const properties: Record<string, unknown> = { ...resource.Properties };
      const settings = (properties.DefaultRouteSettings ?? {}) as Record<string, unknown>;
      properties.DefaultRouteSettings = {
        ...settings,
        ThrottlingRateLimit: overrides.stageThrottling.rateLimit,
        ThrottlingBurstLimit: overrides.stageThrottling.burstLimit,
      };
      resources[logicalId] = { ...resource, Properties: properties };
    }
  }
  const missing = Object.keys(overrides.functions ?? {}).filter((service) => !seen.has(service));
  if (missing.length > 0) throw new Error(`template overrides name services without a function in the template: ${missing.join(', ')}`);
  return { ...template, Resources: resources };
}
