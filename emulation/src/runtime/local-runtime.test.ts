import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfnTemplate, ProvisionedResource } from '../template/template-types.ts';
import type { FunctionLogLine } from './functions/function-log.ts';
import type { InvocationRecord } from './functions/local-function.ts';
import type { HttpApiRequestRecord } from './http-api/http-api-server.ts';
import { startLocalRuntime, type LocalRuntime } from './local-runtime.ts';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const template = JSON.parse(readFileSync(new URL('./testing/fixtures/http-api.template.json', import.meta.url), 'utf8')) as CfnTemplate;
const provisioned = new Map<string, ProvisionedResource>([
  ['JobsQueue', { logicalId: 'JobsQueue', type: 'AWS::SQS::Queue', ref: 'http://127.0.0.1:1/123456789012/jobs', attributes: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:jobs' } }],
  ['Table', { logicalId: 'Table', type: 'AWS::DynamoDB::Table', ref: 'table-1', attributes: { Arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/table-1' } }],
  // The provisioner's placeholder for the API: its id is kept, its endpoint is the runtime's.
  ['HttpApi', { logicalId: 'HttpApi', type: 'AWS::ApiGatewayV2::Api', ref: 'abcde12345', attributes: { ApiId: 'abcde12345', ApiEndpoint: 'https://abcde12345.execute-api.eu-west-1.amazonaws.com' } }],
]);
const ISSUER = 'https://auth.serenya.test';

let runtime: LocalRuntime;
let jwks: Server;
let privateKey: CryptoKey;
const logs: FunctionLogLine[] = [];
const invocations: InvocationRecord[] = [];
const requests: HttpApiRequestRecord[] = [];
const accessLogs: string[] = [];

function token(claims: Record<string, unknown> = {}, options: { audience?: string; expiresIn?: string | number; issuer?: string } = {}): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('user-1')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? 'serenya-api')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(privateKey);
}

function api(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${runtime.apiUrl ?? ''}${path}`, init);
}

beforeAll(async () => {
  const keys = await generateKeyPair('RS256');
  privateKey = keys.privateKey;
  const body = JSON.stringify({ keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  jwks = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  runtime = await startLocalRuntime({
    template,
    provisioned,
    repositoryRoot,
    environmentOverrides: { OVERRIDDEN: 'from-the-caller' },
    jwksUrlOverride: `http://127.0.0.1:${String((jwks.address() as AddressInfo).port)}/.well-known/jwks.json`,
    integrationTimeoutMs: 1_000,
    aws: { region: 'eu-west-1' },
    log: { format: 'silent' },
    on: {
      log: (line) => logs.push(line),
      invocation: (record) => invocations.push(record),
      request: (record) => requests.push(record),
      'access-log': (line) => accessLogs.push(line),
    },
  });
});

afterAll(async () => {
  await runtime.stop();
  await new Promise((resolve) => jwks.close(resolve));
});

describe('startLocalRuntime: functions from the template', () => {
  it('runs the functions with entry metadata, resolves their environment, and skips the others', async () => {
    expect([...runtime.functions.keys()].sort()).toEqual(['BareFunction', 'EchoFunction', 'FailFunction', 'HttpFunction', 'ScheduledFunction', 'SlowFunction', 'StreamFunction']);
    expect(runtime.skippedFunctions).toEqual([{ logicalId: 'LogRetentionProvider', reason: 'no serenya:entry/serenya:handler metadata' }]);
    const result = await runtime.invoke('EchoFunction', { direct: true });
    expect(result.payload).toMatchObject({
      event: { direct: true },
      env: {
        QUEUE_URL: 'http://127.0.0.1:1/123456789012/jobs',
        TABLE_ARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/table-1',
        OVERRIDDEN: 'from-the-caller',
        ENDPOINT: `${runtime.apiUrl ?? ''}/items`,
        STREAM_URL: runtime.functionUrls[0]?.url,
        AWS_LAMBDA_FUNCTION_NAME: 'EchoFunction',
      },
    });
  });

  it('refuses to start when a variable cannot be resolved, naming it, and holds no port', async () => {
    await expect(startLocalRuntime({ template, provisioned, repositoryRoot, aws: { region: 'eu-west-1' }, log: { format: 'silent' } })).rejects.toThrow(
      /EchoFunction\.Environment\.Variables\.OVERRIDDEN: Ref to NotProvisioned \(AWS::RDS::DBCluster\)/,
    );
  });

  it('cuts a function at its timeout and throttles past its reserved concurrency', async () => {
    const cut = await runtime.invoke('SlowFunction', {});
    expect(cut).toMatchObject({ outcome: 'timeout', error: { errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/Task timed out after 2\.00 seconds$/) as unknown } });

    const busy = runtime.invoke('SlowFunction', { sleepMs: 1_000 });
    await expect.poll(() => runtime.functions.get('SlowFunction')?.concurrentExecutions()).toBe(1);
    const throttled = await api('/slow');
    expect(throttled.status).toBe(503);
    expect(await throttled.json()).toEqual({ message: 'Service Unavailable' });
    expect((await busy).outcome).toBe('success');
    expect(invocations.filter((record) => record.functionName === 'SlowFunction').map((record) => record.outcome)).toEqual(['timeout', 'throttled', 'success']);
  });

  it('fires a scheduled rule with an EventBridge Scheduled Event on demand', async () => {
    expect(runtime.scheduledRules.map((rule) => [rule.logicalId, rule.expression])).toEqual([['NightlyRule', 'rate(1 day)']]);
    const [result] = await runtime.triggerSchedule('NightlyRule');
    expect(result).toMatchObject({ outcome: 'success', payload: { ok: true } });
    await expect.poll(() => logs.find((line) => line.json?.message === 'scheduled')?.json?.detailType).toBe('Scheduled Event');
  });
});

describe('startLocalRuntime: the HTTP API', () => {
  it('lists the API with its routes', () => {
    expect(runtime.apis).toEqual([{ logicalId: 'HttpApi', apiId: 'abcde12345', url: runtime.apiUrl, routeKeys: expect.arrayContaining(['GET /items/{id}', '$default']) as unknown }]);
  });

  it('builds the payload format 2.0 event', async () => {
    const response = await api('/event?x=1&x=2&y=%C3%A9', { headers: { cookie: 'a=1; b=2', 'x-multi': 'one', 'User-Agent': 'fixture-agent' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('apigw-requestid')).toBeTruthy();
    const event = (await response.json()) as Record<string, unknown> & { requestContext: Record<string, unknown>; headers: Record<string, string> };
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /event',
      rawPath: '/event',
      rawQueryString: 'x=1&x=2&y=%C3%A9',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { x: '1,2', y: 'é' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        apiId: runtime.apis[0]?.apiId,
        http: { method: 'GET', path: '/event', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'fixture-agent' },
        routeKey: 'GET /event',
        stage: '$default',
      },
    });
    expect(event.headers).toMatchObject({ 'x-multi': 'one', 'user-agent': 'fixture-agent', 'x-forwarded-proto': 'http' });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
    expect(event.pathParameters).toBeUndefined();
  });

  it('selects the most specific route: literal over greedy, greedy over $default, with path parameters', async () => {
    const greedy = (await (await api('/files/a/b%20c', { method: 'DELETE' })).json()) as { event: { routeKey: string; pathParameters: unknown; body?: string } };
    expect(greedy.event).toMatchObject({ routeKey: 'ANY /files/{proxy+}', pathParameters: { proxy: 'a/b c' } });
    expect(await (await api('/files/special')).json()).toEqual({ hello: 'world' });
    const fallback = (await (await api('/nowhere', { method: 'POST', body: Buffer.from([0, 1, 2]), headers: { 'content-type': 'application/octet-stream' } })).json()) as {
      event: { routeKey: string; body: string; isBase64Encoded: boolean };
    };
    expect(fallback.event).toMatchObject({ routeKey: '$default', body: 'AAEC', isBase64Encoded: true });
    expect(await (await api('/echo', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } })).json()).toEqual({ received: '{"a":1}' });
  });

  it('accepts a valid JWT and passes its claims; rejects a missing, expired, foreign or under-scoped one as API Gateway does', async () => {
    const ok = await api('/items/42?q=z', { headers: { authorization: `Bearer ${await token({ scope: 'read write' })}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: '42', query: 'z', claims: { jwt: { claims: { sub: 'user-1', iss: ISSUER, aud: 'serenya-api' }, scopes: ['read', 'write'] } } });

    const missing = await api('/items/42');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ message: 'Unauthorized' });
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    for (const bad of [await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }), await token({}, { audience: 'someone-else' }), await token({}, { issuer: 'https://evil.test' }), 'not-a-jwt']) {
      const response = await api('/items/42', { headers: { authorization: `Bearer ${bad}` } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer scope="" error="invalid_token" error_description=".+"$/);
    }
    const forbidden = await api('/admin', { headers: { authorization: await token({ scope: 'read' }) } });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ message: 'Forbidden' });
    expect((await api('/admin', { headers: { authorization: await token({ scope: 'admin' }) } })).status).not.toBe(403);
  });

  it('throttles a route past its stage burst with 429', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await api('/limited')).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const throttled = await api('/limited');
    expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });
    expect((await api('/bare')).status).toBe(200);
  });

  it('answers 503 when the integration outlives the integration timeout', async () => {
    const response = await api('/sleep/3000');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    expect(requests.find((record) => record.routeKey === 'GET /sleep/{ms}')).toMatchObject({ status: 503, errorResponseType: 'INTEGRATION_TIMEOUT' });
  });

  it('answers preflights itself and replaces the integration CORS headers for allowed origins', async () => {
    const preflight = await api('/items/1', { method: 'OPTIONS', headers: { origin: 'https://app.serenya.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': 'https://app.serenya.test',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '600',
      'access-control-allow-credentials': 'true',
    });
    const foreign = await api('/items/1', { method: 'OPTIONS', headers: { origin: 'https://evil.test', 'access-control-request-method': 'GET' } });
    expect(foreign.status).toBe(204);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const cookies = await api('/cookie', { headers: { origin: 'https://app.serenya.test' } });
    expect(cookies.headers.get('access-control-allow-origin')).toBe('https://app.serenya.test');
    expect(cookies.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(cookies.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await cookies.text()).toBe('cookies');
    expect((await api('/cookie', { headers: { origin: 'https://evil.test' } })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers as API Gateway does for function errors and size limits, and maps a bare result', async () => {
    const bare = await api('/bare');
    expect(bare.headers.get('content-type')).toBe('application/json');
    expect(await bare.json()).toEqual({ hello: 'world' });
    const failed = await api('/fail');
    expect([failed.status, await failed.json()]).toEqual([500, { message: 'Internal Server Error' }]);
    // An error the app catches is the app's answer, passed on as it is.
    const caught = await api('/boom');
    expect([caught.status, await caught.text()]).toEqual([500, 'Internal Server Error']);
    expect((await api('/big')).status).toBe(502);
    const overInvokeLimit = await api('/echo', { method: 'POST', body: 'x'.repeat(7 * 1024 * 1024), headers: { 'content-type': 'text/plain' } });
    expect(overInvokeLimit.status).toBe(413);
    const overGatewayLimit = await api('/echo', { method: 'POST', body: 'x'.repeat(11 * 1024 * 1024), headers: { 'content-type': 'text/plain' } });
    expect([overGatewayLimit.status, await overGatewayLimit.json()]).toEqual([413, { message: 'Request Entity Too Large' }]);
    expect(requests.some((record) => record.routeKey === 'POST /echo' && record.status === 413 && record.errorResponseType === 'REQUEST_TOO_LARGE')).toBe(true);
  });

  it('streams a response-streaming handler through the API and its function URL, and buffers it for a plain invoke', async () => {
    const response = await api('/stream', { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    expect(text.match(/^data: .+$/gm)).toEqual(['data: one', 'data: two', 'data: three']);
    const [functionUrl] = runtime.functionUrls;
    expect(functionUrl).toMatchObject({ logicalId: 'StreamFunctionUrl', functionLogicalId: 'StreamFunction', invokeMode: 'RESPONSE_STREAM', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/) as unknown });
    const viaUrl = await fetch(`${functionUrl?.url ?? ''}stream`);
    expect(viaUrl.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await viaUrl.text()).match(/^data: .+$/gm)).toEqual(['data: one', 'data: two', 'data: three']);
    const buffered = await runtime.invoke('StreamFunction', { version: '2.0', rawPath: '/stream', rawQueryString: '', headers: {}, requestContext: { http: { method: 'GET' } }, isBase64Encoded: false });
    expect(buffered.payload).toMatchObject({ statusCode: 200, isBase64Encoded: true });
  });

  it('writes access-log lines in the stage format and a record per request', async () => {
    await api('/bare');
    const lines = accessLogs.map((line) => JSON.parse(line) as Record<string, string>);
    expect(lines.at(-1)).toMatchObject({ routeKey: 'GET /bare', status: '200', error: '-' });
    expect(Number(lines.at(-1)?.integrationLatency)).toBeGreaterThanOrEqual(0);
    expect(lines.some((line) => line.routeKey === 'GET /slow' && line.status === '503' && line.error === 'Rate Exceeded.')).toBe(true);
    const record = requests.at(-1);
    expect(record).toMatchObject({ apiLogicalId: 'HttpApi', stage: '$default', routeKey: 'GET /bare', status: 200 });
    expect(record?.integrationLatencyMs).toBeGreaterThan(0);
    expect(record?.latencyMs).toBeGreaterThanOrEqual(record?.integrationLatencyMs ?? 0);
  });
});

describe('LocalRuntime.stop', () => {
  it('pre-warms when asked; stop() ends invocations in flight, terminates the workers and frees the port', async () => {
    const own = await startLocalRuntime({ template, provisioned, repositoryRoot, environmentOverrides: { OVERRIDDEN: 'x' }, aws: { region: 'eu-west-1' }, log: { format: 'silent' }, prewarm: true });
    expect(own.functions.get('BareFunction')?.environmentCount()).toBe(1);
    expect((await fetch(`${own.apiUrl ?? ''}/bare`)).status).toBe(200);
    const inFlight = own.invoke('SlowFunction', { sleepMs: 60_000 });
    await expect.poll(() => own.concurrentExecutions()).toBe(1);
    await own.stop();
    // Ended by the stop, not by its 2 s timeout.
    expect(await inFlight).toMatchObject({ outcome: 'error', error: { errorType: 'Runtime.ExitError' } });
    expect(own.functions.get('BareFunction')?.environmentCount()).toBe(0);
    await expect(fetch(`${own.apiUrl ?? ''}/bare`)).rejects.toThrow();
  });
});
