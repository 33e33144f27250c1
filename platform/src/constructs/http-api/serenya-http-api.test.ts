import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourcesOf, synthesizedStages } from '../../testing/synthesized-stages.ts';
import { API_ROUTES } from './api-routes.ts';
import { ACCESS_LOG_FIELDS } from './serenya-http-api.ts';

const { template } = synthesizedStages().development;
const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);

describe('HTTP API', () => {
  it('has every route of the services, and only those', () => {
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(API_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    expect(routes.map((route) => route.RouteKey)).toEqual(expect.arrayContaining(['POST /auth/google', 'GET /account/export', 'DELETE /account', 'GET /jobs/{jobId}/status']));
  });

  it('requires a JWT on every route but sign-in, refresh and the key set', () => {
    const open = routes.filter((route) => route.AuthorizationType === 'NONE').map((route) => route.RouteKey);
    expect(open.sort()).toEqual(['GET /.well-known/jwks.json', 'GET /.well-known/openid-configuration', 'POST /auth/google', 'POST /auth/refresh']);
    for (const route of routes.filter((r) => r.AuthorizationType !== 'NONE')) expect(route.AuthorizationType).toBe('JWT');
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: ['serenya-api'], Issuer: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApi'), 'ApiEndpoint'] } },
    });
  });

  it('uses payload format 2.0 for every integration', () => {
    for (const [, integration] of resourcesOf(template, 'AWS::ApiGatewayV2::Integration')) {
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
  });

  it('throttles the stage and writes JSON access logs to an encrypted group', () => {
    const [[, stage]] = resourcesOf(template, 'AWS::ApiGatewayV2::Stage') as [[string, { Properties: Record<string, unknown> }]];
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 } });
    const settings = stage.Properties.AccessLogSettings as { Format: string; DestinationArn: unknown };
    expect(JSON.parse(settings.Format)).toEqual(ACCESS_LOG_FIELDS);
  });

  it('allows the web console origin (CORS)', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['http://localhost:5173'] } });
  });
});
