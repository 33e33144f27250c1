/**
 * The real auth service's `handler.ts` through the local runtime, from a template shaped like
 * the platform's: proves that a service loads from source in a worker (`#shared/*` imports,
 * environment), that hono's adapter reads the gateway's event, and that the JWT authorizer can
 * find its keys from an issuer that is the local API's own endpoint, as the platform declares it. Only
 * routes that need no database are called: the whole-platform test covers the rest.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../template/template-types.ts';
import { startLocalRuntime, type LocalRuntime } from './local-runtime.ts';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

const route = (routeKey: string, authorizer = false) => ({
  Type: 'AWS::ApiGatewayV2::Route',
  Properties: {
    ApiId: { Ref: 'Api' },
    RouteKey: routeKey,
    Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'AuthIntegration' }]] },
    AuthorizationType: authorizer ? 'JWT' : 'NONE',
    ...(authorizer ? { AuthorizerId: { Ref: 'Authorizer' } } : {}),
  },
});

const template: CfnTemplate = {
  Resources: {
    AuthFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'serenya-auth',
        Timeout: 15,
        MemorySize: 512,
        Environment: {
          Variables: {
            DATABASE_URL: 'postgres://serenya_app_user:x@127.0.0.1:1/serenya',
            DATABASE_SSL: 'disable',
            GOOGLE_CLIENT_IDS: 'client.apps.googleusercontent.com',
            // As the platform declares it: the issuer is the API's own endpoint.
            ACCESS_TOKEN_ISSUER: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] },
            ACCESS_TOKEN_SIGNER: 'local',
            PHI_KMS_KEY_ARN: { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/serenya-database' },
          },
        },
      },
      Metadata: { 'serenya:entry': 'services/auth/src/handler.ts', 'serenya:handler': 'handler' },
    },
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'serenya', ProtocolType: 'HTTP' } },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true } },
    AuthIntegration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['AuthFunction', 'Arn'] }, PayloadFormatVersion: '2.0' },
    },
    Authorizer: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: { ApiId: { Ref: 'Api' }, AuthorizerType: 'JWT', Name: 'access-token', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: { Issuer: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] }, Audience: ['serenya-api'] } },
    },
    WellKnownRoute: route('GET /.well-known/{proxy+}'),
    GoogleRoute: route('POST /auth/google'),
    LogoutRoute: route('POST /auth/logout', true),
  },
};

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    template,
    repositoryRoot,
    aws: { region: 'eu-west-1' },
    log: { format: 'silent' },
  });
});
afterAll(() => runtime.stop());

describe('the auth service through the local runtime', () => {
  it('serves its discovery document and keys through the HTTP API', async () => {
    const discovery = await fetch(`${runtime.apiUrl ?? ''}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const apiUrl = runtime.apiUrl ?? '';
    expect(await discovery.json()).toMatchObject({ issuer: apiUrl, jwks_uri: `${apiUrl}/.well-known/jwks.json` });
    const keys = (await (await fetch(`${runtime.apiUrl ?? ''}/.well-known/jwks.json`)).json()) as { keys: Array<{ kty: string }> };
    expect(keys.keys.length).toBeGreaterThan(0);
  });

  it("answers a bad body with its error shape, carrying API Gateway's request id", async () => {
    const response = await fetch(`${runtime.apiUrl ?? ''}/auth/google`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idToken: 5 }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; requestId: string } };
    expect(body.error).toMatchObject({ code: 'VALIDATION_ERROR', requestId: response.headers.get('apigw-requestid') });
  });

  it("guards a JWT route with keys discovered from the issuer, the local API's own endpoint", async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'not-a-key-of-the-service' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ sub: 'x', iss: runtime.apiUrl, aud: 'serenya-api' })).toString('base64url');
    const forged = `${header}.${claims}.c2ln`;
    const response = await fetch(`${runtime.apiUrl ?? ''}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${forged}` } });
    expect(response.status).toBe(401);
    // "no applicable key": the keys were fetched (discovery → jwks_uri) and this kid is not among them.
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token" error_description="no applicable key/);
  });
});
