/**
 * Typed views of the resource types the local runtime reads. Property values stay unresolved
 * (`unknown` where the template may hold an intrinsic): resolve them with the
 * {@link createIntrinsicResolver} at the point of use, so an error names the property.
 * @module
 */
import type { CfnResource, CfnTemplate } from './template-types.ts';

/** One resource of a given type, with its logical id. */
export interface TypedResource<Properties> {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Properties;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface LambdaFunctionProperties {
  readonly FunctionName?: unknown;
  readonly Handler?: string;
  readonly Runtime?: string;
  readonly Timeout?: number;
  readonly MemorySize?: number;
  readonly ReservedConcurrentExecutions?: number;
  readonly Environment?: { readonly Variables?: Record<string, unknown> };
  readonly LoggingConfig?: { readonly LogGroup?: unknown; readonly LogFormat?: string };
}

export interface HttpApiProperties {
  readonly Name?: unknown;
  readonly ProtocolType?: string;
  readonly CorsConfiguration?: CorsConfiguration;
  readonly DisableExecuteApiEndpoint?: boolean;
}

export interface CorsConfiguration {
  readonly AllowOrigins?: readonly string[];
  readonly AllowMethods?: readonly string[];
  readonly AllowHeaders?: readonly string[];
  readonly ExposeHeaders?: readonly string[];
  readonly MaxAge?: number;
  readonly AllowCredentials?: boolean;
}

export interface HttpRouteProperties {
  readonly ApiId: unknown;
  readonly RouteKey: string;
  readonly Target?: unknown;
  readonly AuthorizationType?: string;
  readonly AuthorizerId?: unknown;
  readonly AuthorizationScopes?: readonly string[];
}

export interface HttpIntegrationProperties {
  readonly ApiId: unknown;
  readonly IntegrationType: string;
  readonly IntegrationUri?: unknown;
  readonly PayloadFormatVersion?: string;
  readonly TimeoutInMillis?: number;
}

export interface HttpAuthorizerProperties {
  readonly ApiId: unknown;
  readonly AuthorizerType: string;
  readonly Name?: string;
  readonly IdentitySource?: readonly string[];
  readonly JwtConfiguration?: { readonly Audience?: unknown; readonly Issuer?: unknown };
}

export interface RouteSettings {
  readonly ThrottlingBurstLimit?: number;
  readonly ThrottlingRateLimit?: number;
  readonly DetailedMetricsEnabled?: boolean;
}

export interface HttpStageProperties {
  readonly ApiId: unknown;
  readonly StageName: string;
  readonly AutoDeploy?: boolean;
  readonly DefaultRouteSettings?: RouteSettings;
  readonly RouteSettings?: Record<string, RouteSettings>;
  readonly AccessLogSettings?: { readonly DestinationArn?: unknown; readonly Format?: string };
}

export interface EventSourceMappingProperties {
  readonly FunctionName: unknown;
  readonly EventSourceArn?: unknown;
  readonly BatchSize?: number;
  readonly Enabled?: boolean;
  readonly FunctionResponseTypes?: readonly string[];
  readonly MaximumBatchingWindowInSeconds?: number;
  readonly ScalingConfig?: { readonly MaximumConcurrency?: number };
}

export interface EventsRuleProperties {
  readonly Name?: unknown;
  readonly ScheduleExpression?: string;
  readonly State?: string;
  readonly Targets?: ReadonlyArray<{ readonly Arn: unknown; readonly Id: string; readonly Input?: string }>;
}

/** Every resource of `type`, in template order. */
export function resourcesOfType<Properties>(template: CfnTemplate, type: string): Array<TypedResource<Properties>> {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]: [string, CfnResource]) => ({
      logicalId,
      type,
      properties: (resource.Properties ?? {}) as Properties,
      metadata: resource.Metadata ?? {},
    }));
}

export const lambdaFunctions = (template: CfnTemplate) => resourcesOfType<LambdaFunctionProperties>(template, 'AWS::Lambda::Function');
export const httpApis = (template: CfnTemplate) => resourcesOfType<HttpApiProperties>(template, 'AWS::ApiGatewayV2::Api');
export const httpRoutes = (template: CfnTemplate) => resourcesOfType<HttpRouteProperties>(template, 'AWS::ApiGatewayV2::Route');
export const httpIntegrations = (template: CfnTemplate) => resourcesOfType<HttpIntegrationProperties>(template, 'AWS::ApiGatewayV2::Integration');
export const httpAuthorizers = (template: CfnTemplate) => resourcesOfType<HttpAuthorizerProperties>(template, 'AWS::ApiGatewayV2::Authorizer');
export const httpStages = (template: CfnTemplate) => resourcesOfType<HttpStageProperties>(template, 'AWS::ApiGatewayV2::Stage');
export const eventSourceMappings = (template: CfnTemplate) => resourcesOfType<EventSourceMappingProperties>(template, 'AWS::Lambda::EventSourceMapping');
export const eventsRules = (template: CfnTemplate) => resourcesOfType<EventsRuleProperties>(template, 'AWS::Events::Rule');

export interface FunctionUrlProperties {
  readonly TargetFunctionArn: unknown;
  readonly AuthType?: string;
  readonly InvokeMode?: string;
  readonly Cors?: CorsConfiguration;
}

export const functionUrls = (template: CfnTemplate) => resourcesOfType<FunctionUrlProperties>(template, 'AWS::Lambda::Url');
