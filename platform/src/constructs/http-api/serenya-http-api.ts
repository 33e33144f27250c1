/**
 * The HTTP API (API Gateway v2): every route of {@link API_ROUTES}, payload format 2.0, a JWT
 * authorizer on our own issuer (audience `serenya-api`, the `Authorization` header; tokens are
 * RS256 because HTTP API JWT authorizers accept RSA keys only) on every route but the public
 * ones, an explicit `$default` stage with throttling and JSON access logs into a KMS log group,
 * and CORS for the web console's origins.
 *
 * Built in two steps: the API first (its endpoint is the access-token issuer when no custom
 * domain is set, and the functions need that in their environment), then the routes once the
 * functions exist ({@link SerenyaHttpApi.addRoutes}).
 *
 * @example
 * ```ts
 * const api = new SerenyaHttpApi(this, 'HttpApi', { stage, logsKey, … });
 * api.addRoutes(functions, issuer);
 * ```
 * @module
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ACCESS_TOKEN_AUDIENCE } from '../../../../services/shared/src/config/access-token-config.ts';
import type { ServiceFunction } from '../functions/service-function.ts';
import { API_ROUTES, type ApiService } from './api-routes.ts';

/** The one header the authorizer reads the bearer token from. */
const AUTHORIZATION_IDENTITY_SOURCE = '$request.header.Authorization';

/** One JSON object per request; no bodies, no headers, so no PHI or tokens reach the log. */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
} as const;

export interface SerenyaHttpApiProps {
  readonly stage: string;
  readonly logsKey: IKey;
  readonly logRetention: RetentionDays;
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
  /** Origins the browser may call the API from (the web console). */
  readonly allowedOrigins: string[];
}

export class SerenyaHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: SerenyaHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: `serenya-${props.stage}-api`,
      description: `Serenya ${props.stage} HTTP API`,
      createDefaultStage: false,
      // Without other origins the console is served by the same distribution as the API
      // (same origin), and no CORS policy is needed.
      ...(props.allowedOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: props.allowedOrigins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.DELETE],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'accept'],
              exposeHeaders: ['idempotent-replayed', 'retry-after'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/serenya/${props.stage}/api-access`,
      encryptionKey: props.logsKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit, burstLimit: props.throttleBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** Adds every route of {@link API_ROUTES}, each to its service's function. */
  addRoutes(functions: Record<ApiService, ServiceFunction>, accessTokenIssuer: string): void {
    const authorizer = new HttpJwtAuthorizer('AccessTokenAuthorizer', accessTokenIssuer, {
      authorizerName: 'serenya-access-token',
      jwtAudience: [ACCESS_TOKEN_AUDIENCE],
      identitySource: [AUTHORIZATION_IDENTITY_SOURCE],
    });
    const none = new HttpNoneAuthorizer();
    const integrations = new Map<ApiService, HttpLambdaIntegration>();
    for (const route of API_ROUTES) {
      let integration = integrations.get(route.service);
      if (integration === undefined) {
        integration = new HttpLambdaIntegration(`${route.service}Integration`, functions[route.service].invokeTarget, {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(route.service, integration);
      }
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer: route.public ? none : authorizer,
      });
    }
  }

  /** https://<api id>.execute-api.<region>.amazonaws.com (the `$default` stage has no path). */
  get endpoint(): string {
    return this.api.apiEndpoint;
  }
}
