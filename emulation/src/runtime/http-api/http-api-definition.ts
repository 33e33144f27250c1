/**
 * What the local gateway serves, read from the template's API Gateway v2 resources: each
 * `AWS::ApiGatewayV2::Api` (HTTP) with its routes, each route's Lambda proxy integration and JWT
 * authorizer, and its stage's throttling and access-log settings.
 * @module
 */
import { createHash } from 'node:crypto';
import { referencedLogicalId, type IntrinsicResolver } from '../../template/intrinsic-resolver.ts';
import {
  httpApis,
  httpAuthorizers,
  httpIntegrations,
  httpRoutes,
  httpStages,
  type CorsConfiguration,
  type RouteSettings,
} from '../../template/template-resources.ts';
import type { CfnTemplate } from '../../template/template-types.ts';
import type { JwtAuthorizerConfig } from './jwt-authorizer.ts';
import { parseRouteKey, type ParsedRouteKey } from './route-matcher.ts';

/** API Gateway's maximum (and default) integration timeout. */
export const MAX_INTEGRATION_TIMEOUT_MS = 30_000;

export interface ThrottleSettings {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface HttpRouteDefinition {
  readonly logicalId: string;
  readonly key: ParsedRouteKey;
  /** The Lambda function's logical id, for an AWS_PROXY integration. */
  readonly functionLogicalId: string | undefined;
  readonly integrationTimeoutMs: number;
  readonly authorizer: (JwtAuthorizerConfig & { readonly logicalId: string }) | undefined;
  readonly authorizationScopes: readonly string[];
}

export interface HttpApiDefinition {
  readonly logicalId: string;
  /** The provisioned id when there is one, else a stable 10-character id from the logical id. */
  readonly apiId: string;
  readonly cors: CorsConfiguration | undefined;
  readonly stageName: string;
  readonly defaultThrottle: ThrottleSettings | undefined;
  readonly routeThrottle: Readonly<Record<string, ThrottleSettings>>;
  readonly accessLogFormat: string | undefined;
  readonly routes: readonly HttpRouteDefinition[];
}

/** A stand-in API id shaped like API Gateway's (10 lower-case alphanumerics). */
export function localApiId(logicalId: string): string {
  return createHash('sha256').update(logicalId).digest('hex').slice(0, 10);
}

function throttleOf(settings: RouteSettings | undefined): ThrottleSettings | undefined {
  if (settings?.ThrottlingRateLimit === undefined && settings?.ThrottlingBurstLimit === undefined) return undefined;
  return { rateLimit: settings.ThrottlingRateLimit ?? Number.POSITIVE_INFINITY, burstLimit: settings.ThrottlingBurstLimit ?? Number.POSITIVE_INFINITY };
}

function toList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => String(item as string));
}

/**
 * @example
 * ```ts
 * const [api] = httpApiDefinitionsFromTemplate(template, resolver, { jwksUrlOverride: 'http://127.0.0.1:3000/.well-known/jwks.json' });
 * ```
 */
export function httpApiDefinitionsFromTemplate(
  template: CfnTemplate,
  resolver: IntrinsicResolver,
  options: {
    /** A URL, or a function asked at the first request of each authorizer (see {@link JwtAuthorizerConfig.jwksUrl}). */
    jwksUrlOverride?: string | ((issuer: string) => string | undefined);
    apiIds?: ReadonlyMap<string, string>;
  } = {},
): HttpApiDefinition[] {
  const integrations = new Map(httpIntegrations(template).map((integration) => [integration.logicalId, integration]));
  const authorizers = new Map(httpAuthorizers(template).map((authorizer) => [authorizer.logicalId, authorizer]));
  const functionOf = (uri: unknown): string | undefined => {
    let logicalId = referencedLogicalId(uri);
    // An alias or version integration: follow it to its function.
    const resource = logicalId === undefined ? undefined : template.Resources[logicalId];
    if (resource !== undefined && (resource.Type === 'AWS::Lambda::Alias' || resource.Type === 'AWS::Lambda::Version')) logicalId = referencedLogicalId(resource.Properties?.FunctionName);
    return logicalId;
  };

  return httpApis(template)
    .filter((api) => (api.properties.ProtocolType ?? 'HTTP') === 'HTTP')
    .map((api) => {
      const belongs = (apiId: unknown) => referencedLogicalId(apiId) === api.logicalId;
      const stage = httpStages(template).find((candidate) => belongs(candidate.properties.ApiId));
      const routes = httpRoutes(template)
        .filter((route) => belongs(route.properties.ApiId))
        .map((route): HttpRouteDefinition => {
          const integration = integrations.get(referencedLogicalId(route.properties.Target) ?? '');
          const authorizerResource = route.properties.AuthorizationType === 'JWT' ? authorizers.get(referencedLogicalId(route.properties.AuthorizerId) ?? '') : undefined;
          let authorizer: HttpRouteDefinition['authorizer'];
          if (authorizerResource !== undefined) {
            const at = (property: string) => ({ logicalId: authorizerResource.logicalId, property });
            const jwt = authorizerResource.properties.JwtConfiguration;
            const issuer = resolver.resolveString(jwt?.Issuer, at('JwtConfiguration.Issuer'));
            const { jwksUrlOverride } = options;
            const override = typeof jwksUrlOverride === 'function' ? () => jwksUrlOverride(issuer) : jwksUrlOverride;
            authorizer = {
              logicalId: authorizerResource.logicalId,
              name: authorizerResource.properties.Name ?? authorizerResource.logicalId,
              issuer,
              audience: toList(resolver.resolve(jwt?.Audience, at('JwtConfiguration.Audience'))),
              identitySource: authorizerResource.properties.IdentitySource ?? ['$request.header.Authorization'],
              ...(override === undefined ? {} : { jwksUrl: override }),
            };
          }
          return {
            logicalId: route.logicalId,
            key: parseRouteKey(route.properties.RouteKey),
            functionLogicalId: integration?.properties.IntegrationType === 'AWS_PROXY' ? functionOf(integration.properties.IntegrationUri) : undefined,
            integrationTimeoutMs: Math.min(integration?.properties.TimeoutInMillis ?? MAX_INTEGRATION_TIMEOUT_MS, MAX_INTEGRATION_TIMEOUT_MS),
            authorizer,
            authorizationScopes: route.properties.AuthorizationScopes ?? [],
          };
        });
      const routeThrottle: Record<string, ThrottleSettings> = {};
      for (const [routeKey, settings] of Object.entries(stage?.properties.RouteSettings ?? {})) {
        const throttle = throttleOf(settings);
        if (throttle !== undefined) routeThrottle[routeKey] = throttle;
      }
      return {
        logicalId: api.logicalId,
        apiId: options.apiIds?.get(api.logicalId) ?? localApiId(api.logicalId),
        cors: api.properties.CorsConfiguration,
        stageName: stage?.properties.StageName ?? '$default',
        defaultThrottle: throttleOf(stage?.properties.DefaultRouteSettings),
        routeThrottle,
        accessLogFormat: stage?.properties.AccessLogSettings?.Format,
        routes,
      };
    });
}
