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
  readonly stageThrottling?: Throttling;
  /** The stage's throttling of single routes, by route key (`GET /subscriptions/status`). */
  readonly routeThrottling?: Readonly<Record<string, Throttling>>;
  /**
   * The integration timeout (API Gateway's at most 30 s) of the integration behind a route, by
   * route key: every route of that integration (that function) gets it.
   */
  readonly integrationTimeoutsMs?: Readonly<Record<string, number>>;
}

export interface Throttling {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

const throttlingSettings = (throttling: Throttling) => ({ ThrottlingRateLimit: throttling.rateLimit, ThrottlingBurstLimit: throttling.burstLimit });

/** The integration's logical id in a route's `Target` (`integrations/<Ref>`, often in a Fn::Join). */
function integrationOfRoute(route: CfnResource): string | undefined {
  const text = JSON.stringify(route.Properties?.Target ?? '');
  return /"Ref":"([^"]+)"/.exec(text)?.[1];
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
  // Each changed resource is rebuilt below (new objects down to what changes): the input stays untouched.
  const resources: Record<string, CfnResource> = { ...template.Resources };
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
    if (resource.Type === 'AWS::ApiGatewayV2::Stage' && (overrides.stageThrottling !== undefined || overrides.routeThrottling !== undefined)) {
      const properties: Record<string, unknown> = { ...resource.Properties };
      if (overrides.stageThrottling !== undefined) {
        properties.DefaultRouteSettings = { ...(properties.DefaultRouteSettings as Record<string, unknown> | undefined), ...throttlingSettings(overrides.stageThrottling) };
      }
      if (overrides.routeThrottling !== undefined) {
        const routeSettings: Record<string, unknown> = { ...(properties.RouteSettings as Record<string, unknown> | undefined) };
        for (const [routeKey, throttling] of Object.entries(overrides.routeThrottling)) {
          routeSettings[routeKey] = { ...(routeSettings[routeKey] as Record<string, unknown> | undefined), ...throttlingSettings(throttling) };
        }
        properties.RouteSettings = routeSettings;
      }
      resources[logicalId] = { ...resource, Properties: properties };
    }
  }
  for (const [routeKey, timeoutMs] of Object.entries(overrides.integrationTimeoutsMs ?? {})) {
    const route = Object.values(resources).find((resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties?.RouteKey === routeKey);
    const integrationId = route === undefined ? undefined : integrationOfRoute(route);
    const integration = integrationId === undefined ? undefined : resources[integrationId];
    if (integrationId === undefined || integration === undefined) throw new Error(`template overrides: no route ${routeKey} with an integration in the template`);
    resources[integrationId] = { ...integration, Properties: { ...integration.Properties, TimeoutInMillis: timeoutMs } };
  }
  const missing = Object.keys(overrides.functions ?? {}).filter((service) => !seen.has(service));
  if (missing.length > 0) throw new Error(`template overrides name services without a function in the template: ${missing.join(', ')}`);
  return { ...template, Resources: resources };
}
