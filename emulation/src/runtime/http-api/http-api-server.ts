/**
 * The local API Gateway for one HTTP API: a node:http server that selects the route, applies
 * CORS, stage throttling and the JWT authorizer, invokes the route's function with the payload
 * format 2.0 event, and maps the answer, with API Gateway's limits and error answers:
 *
 * | case | answer |
 * | --- | --- |
 * | no route | 404 `{"message":"Not Found"}` |
 * | body over 10 MB | 413 `{"message":"Request Entity Too Large"}` |
 * | event over Lambda's 6 MB invoke limit | 413 |
 * | stage throttling | 429 `{"message":"Too Many Requests"}` |
 * | JWT missing/invalid, scopes missing | 401 `{"message":"Unauthorized"}` / 403 `{"message":"Forbidden"}` |
 * | function error, crash, timeout, malformed answer | 500 `{"message":"Internal Server Error"}` |
 * | function answer over 6 MB | 502 `{"message":"Internal Server Error"}` |
 * | integration timeout (30 s, or less if configured) | 503 `{"message":"Service Unavailable"}` |
 * | function throttled (reserved concurrency) | 503 `{"message":"Service Unavailable"}` |
 *
 * Streaming: API Gateway buffers; in AWS, streamed responses come from a function URL in
 * RESPONSE_STREAM mode. Locally a handler wrapped with `awslambda.streamifyResponse` (hono's
 * `streamHandle`) streams straight through this server, chunk by chunk; a handler that returns
 * a buffered result is passed on as it is.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalFunction } from '../functions/local-function.ts';
import { DEFAULT_ACCESS_LOG_FORMAT, formatAccessLog } from './access-log.ts';
import { applyCorsHeaders, isPreflight, preflightHeaders, type HeaderMap } from './cors.ts';
import type { HttpApiDefinition, HttpRouteDefinition } from './http-api-definition.ts';
import { createJwtAuthorizer, type JwtAuthorizer, type JwtAuthorizerContext } from './jwt-authorizer.ts';
import { apiGatewayTime, buildHttpApiEventV2, mapHttpApiResult } from './payload-v2.ts';
import { createRouteMatcher } from './route-matcher.ts';
import { createTokenBucket, type TokenBucket } from './token-bucket.ts';

/** API Gateway's request payload limit. */
export const REQUEST_PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** Per request, for AWS/ApiGatewayV2 metrics (Count, 4xx, 5xx, Latency, IntegrationLatency). */
export interface HttpApiRequestRecord {
  readonly apiId: string;
  readonly apiLogicalId: string;
  readonly stage: string;
  /** The matched route key, or `-` when none matched. */
  readonly routeKey: string;
  readonly method: string;
  readonly path: string;
  readonly requestId: string;
  readonly status: number;
  readonly latencyMs: number;
  /** Set when the function was invoked. */
  readonly integrationLatencyMs: number | undefined;
  /** Why API Gateway answered itself (`throttled`, `unauthorized`, `integration-timeout`…). */
  readonly errorResponseType: string | undefined;
}

export interface HttpApiServerOptions {
  readonly api: HttpApiDefinition;
  /** The template's functions by logical id. */
  readonly functions: ReadonlyMap<string, LocalFunction>;
  readonly accountId: string;
  readonly region: string;
  /** 0 or undefined: a random free port. */
  readonly port?: number;
  readonly host?: string;
  /** Caps every route's integration timeout (API Gateway's is 30 s); tests use seconds. */
  readonly integrationTimeoutMs?: number;
  readonly onRequest?: (record: HttpApiRequestRecord) => void;
  /** Each access-log line in the stage's format (API Gateway's default JSON when it has none). */
  readonly onAccessLog?: (line: string, record: HttpApiRequestRecord) => void;
}

export interface HttpApiServer {
  /** `http://127.0.0.1:<port>` (plus `/<stage>` for a named stage). */
  readonly url: string;
  readonly port: number;
  /**
   * Serves a new definition of the same API (same stage): the runtime resolves the template
   * again once it knows this server's URL, since values such as a JWT issuer may be the API's
   * own endpoint. Throttling buckets and authorizer key caches start afresh.
   */
  reconfigure(api: HttpApiDefinition): void;
  close(): Promise<void>;
}

const MESSAGES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Internal Server Error',
  503: 'Service Unavailable',
};

class PayloadTooLarge extends Error {}

/**
 * Reads the body; past `limit` it keeps reading but drops the bytes, so the client, still
 * sending, gets the 413 instead of a reset connection.
 */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw new PayloadTooLarge();
  return Buffer.concat(chunks);
}

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`. */
const newRequestId = () => randomBytes(10).toString('base64');

/**
 * Serves one HTTP API.
 *
 * @example
 * ```ts
 * const server = await startHttpApiServer({ api, functions, accountId: '123456789012', region: 'eu-west-1', port: 0 });
 * await fetch(`${server.url}/health`);
 * await server.close();
 * ```
 */
export async function startHttpApiServer(options: HttpApiServerOptions): Promise<HttpApiServer> {
  let api = options.api;
  let matchRoute = createRouteMatcher(api.routes, (route) => route.key);
  const stagePrefix = api.stageName === '$default' ? '' : `/${api.stageName}`;
  const buckets = new Map<string, TokenBucket | null>();
  const authorizers = new Map<string, JwtAuthorizer>();

  function bucketFor(route: HttpRouteDefinition): TokenBucket | null {
    let bucket = buckets.get(route.key.routeKey);
    if (bucket === undefined) {
      const settings = api.routeThrottle[route.key.routeKey] ?? api.defaultThrottle;
      bucket = settings === undefined ? null : createTokenBucket(settings);
      buckets.set(route.key.routeKey, bucket);
    }
    return bucket;
  }

  function authorizerFor(route: HttpRouteDefinition): JwtAuthorizer | undefined {
    if (route.authorizer === undefined) return undefined;
    let authorizer = authorizers.get(route.authorizer.logicalId);
    if (authorizer === undefined) {
      authorizer = createJwtAuthorizer(route.authorizer);
      authorizers.set(route.authorizer.logicalId, authorizer);
    }
    return authorizer;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestEpoch = Date.now();
    const requestId = newRequestId();
    const method = (request.method ?? 'GET').toUpperCase();
    const rawUrl = request.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);
    const singleHeaders = Object.fromEntries(Object.entries(request.headersDistinct).map(([name, values]) => [name, values?.join(',')]));
    const origin = singleHeaders.origin;
    // Read now: once a client hangs up (e.g. after a 413) the socket is gone.
    const sourceIp = request.socket.remoteAddress ?? '127.0.0.1';
    const localPort = String(request.socket.localPort ?? '');
    let routeKey = '-';
    let integrationLatencyMs: number | undefined;
    let errorResponseType: string | undefined;
    let integrationStatus: number | undefined;
    let integrationError: string | undefined;
    let authorizerError: string | undefined;
    let responseLength = 0;

    const finish = (status: number) => {
      const record: HttpApiRequestRecord = {
        apiId: api.apiId,
        apiLogicalId: api.logicalId,
        stage: api.stageName,
        routeKey,
        method,
        path: rawPath,
        requestId,
        status,
        latencyMs: performance.now() - started,
        integrationLatencyMs,
        errorResponseType,
      };
      options.onRequest?.(record);
      if (options.onAccessLog !== undefined) {
        const line = formatAccessLog(api.accessLogFormat ?? DEFAULT_ACCESS_LOG_FORMAT, {
          requestId,
          extendedRequestId: requestId,
          apiId: api.apiId,
          stage: api.stageName,
          'identity.sourceIp': sourceIp,
          'identity.userAgent': singleHeaders['user-agent'],
          requestTime: apiGatewayTime(requestEpoch),
          requestTimeEpoch: requestEpoch,
          httpMethod: method,
          path: rawPath,
          routeKey,
          status,
          protocol: `HTTP/${request.httpVersion}`,
          responseLength,
          responseLatency: Math.round(record.latencyMs),
          integrationLatency: integrationLatencyMs === undefined ? undefined : Math.round(integrationLatencyMs),
          'integration.latency': integrationLatencyMs === undefined ? undefined : Math.round(integrationLatencyMs),
          integrationStatus,
          'integration.status': integrationStatus,
          integrationErrorMessage: integrationError,
          'integration.error': integrationError,
          'error.message': errorResponseType === undefined ? undefined : MESSAGES[status],
          'error.responseType': errorResponseType,
          'authorizer.error': authorizerError,
          domainName: singleHeaders.host,
        });
        options.onAccessLog(line, record);
      }
    };

    const send = (status: number, headers: HeaderMap, body: Buffer) => {
      const withCors = api.cors === undefined ? headers : applyCorsHeaders(api.cors, origin, headers);
      responseLength = body.length;
      response.writeHead(status, { ...withCors, 'apigw-requestid': requestId, 'content-length': String(body.length) }).end(body);
      finish(status);
    };
    const gatewayError = (status: number, type: string, extraHeaders: HeaderMap = {}) => {
      errorResponseType = type;
      send(status, { 'content-type': 'application/json', ...extraHeaders }, Buffer.from(JSON.stringify({ message: MESSAGES[status] ?? 'Error' })));
    };

    let body: Buffer;
    try {
      body = await readBody(request, REQUEST_PAYLOAD_LIMIT_BYTES);
    } catch (error) {
      if (!(error instanceof PayloadTooLarge)) throw error;
      return gatewayError(413, 'REQUEST_TOO_LARGE');
    }

    if (stagePrefix !== '' && rawPath !== stagePrefix && !rawPath.startsWith(`${stagePrefix}/`)) return gatewayError(404, 'RESOURCE_NOT_FOUND');
    const routePath = rawPath.slice(stagePrefix.length) || '/';

    if (api.cors !== undefined && isPreflight(method, singleHeaders)) {
      const headers = preflightHeaders(api.cors, singleHeaders);
      response.writeHead(204, { ...headers, 'apigw-requestid': requestId }).end();
      return finish(204);
    }

    const match = matchRoute(method, routePath);
    if (match === undefined) return gatewayError(404, 'RESOURCE_NOT_FOUND');
    const { route, pathParameters } = match;
    routeKey = route.key.routeKey;

    const bucket = bucketFor(route);
    if (bucket !== null && !bucket.tryTake()) return gatewayError(429, 'THROTTLED');

    let authorizerContext: JwtAuthorizerContext | undefined;
    const authorizer = authorizerFor(route);
    if (authorizer !== undefined) {
      const result = await authorizer.authorize({ headers: singleHeaders, query: new URLSearchParams(rawQueryString) }, route.authorizationScopes);
      if (!result.ok) {
        authorizerError = result.reason;
        return gatewayError(result.status, result.status === 401 ? 'UNAUTHORIZED' : 'ACCESS_DENIED', { 'www-authenticate': result.wwwAuthenticate });
      }
      authorizerContext = result.context;
    }

    const fn = route.functionLogicalId === undefined ? undefined : options.functions.get(route.functionLogicalId);
    if (fn === undefined) {
      integrationError = `no local function for route ${routeKey}`;
      return gatewayError(500, 'INTEGRATION_FAILURE');
    }

    const event = buildHttpApiEventV2(
      {
        method,
        rawPath,
        rawQueryString,
        headers: request.headersDistinct,
        body,
        sourceIp,
        protocol: `HTTP/${request.httpVersion}`,
      },
      { routeKey, pathParameters, apiId: api.apiId, stage: api.stageName, accountId: options.accountId, requestId, timeEpoch: requestEpoch, ...(authorizerContext === undefined ? {} : { authorizer: authorizerContext }) },
    );
    event.headers['x-forwarded-for'] ??= sourceIp;
    event.headers['x-forwarded-proto'] ??= 'http';
    event.headers['x-forwarded-port'] ??= localPort;
    event.headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(requestEpoch / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;

    const timeoutMs = Math.min(route.integrationTimeoutMs, options.integrationTimeoutMs ?? route.integrationTimeoutMs);
    const invokeStarted = performance.now();
    let settled = false;
    let streaming = false;
    const timedOut = Promise.withResolvers<'timeout'>();
    const timer = setTimeout(() => timedOut.resolve('timeout'), timeoutMs);
    const invocation = fn.invoke(event, {
      stream: {
        start(prelude) {
          if (settled) return;
          streaming = true;
          clearTimeout(timer);
          integrationLatencyMs = performance.now() - invokeStarted;
          integrationStatus = prelude.statusCode ?? 200;
          const headers: HeaderMap = Object.fromEntries(Object.entries(prelude.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
          if ((prelude.cookies ?? []).length > 0) headers['set-cookie'] = [...(prelude.cookies ?? [])];
          const withCors = api.cors === undefined ? headers : applyCorsHeaders(api.cors, origin, headers);
          response.writeHead(prelude.statusCode ?? 200, { ...withCors, 'apigw-requestid': requestId });
          response.flushHeaders();
        },
        write(chunk) {
          if (!streaming) return;
          responseLength += chunk.length;
          response.write(chunk);
        },
        end() {
          if (!streaming) return;
          response.end();
          finish(integrationStatus ?? 200);
        },
      },
    });
    const outcome = await Promise.race([invocation, timedOut.promise]);
    settled = true;
    clearTimeout(timer);
    if (outcome === 'timeout') {
      if (streaming) return;
      integrationError = `the integration did not answer within ${String(timeoutMs)} ms`;
      // The function runs on, as in AWS; its late answer is dropped.
      invocation.catch(() => undefined);
      return gatewayError(503, 'INTEGRATION_TIMEOUT');
    }
    integrationLatencyMs ??= performance.now() - invokeStarted;
    if (outcome.streamed === true) return;
    if (streaming) {
      // The stream started, then the function failed or timed out: cut the response.
      response.destroy();
      return finish(integrationStatus ?? 200);
    }
    switch (outcome.outcome) {
      case 'success': {
        const mapped = mapHttpApiResult(outcome.payload);
        if (mapped === undefined) {
          integrationError = 'the function returned a malformed response';
          return gatewayError(500, 'INTEGRATION_FAILURE');
        }
        integrationStatus = mapped.statusCode;
        return send(mapped.statusCode, mapped.headers, mapped.body);
      }
      case 'throttled':
        integrationError = 'Rate Exceeded.';
        integrationStatus = 429;
        return gatewayError(503, 'INTEGRATION_FAILURE');
      case 'request-too-large':
        integrationError = outcome.error?.errorMessage;
        integrationStatus = 413;
        return gatewayError(413, 'REQUEST_TOO_LARGE');
      case 'response-too-large':
        integrationError = outcome.error?.errorMessage;
        return gatewayError(502, 'INTEGRATION_FAILURE');
      case 'error':
      case 'timeout':
        integrationError = outcome.error?.errorMessage;
        integrationStatus = 200;
        return gatewayError(500, 'INTEGRATION_FAILURE');
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('local HTTP API: request failed', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Internal Server Error' }));
      else response.destroy();
    });
  });
  // API Gateway's own limit is 30 s; requests must not be cut earlier by Node's defaults.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${String(port)}${stagePrefix}`,
    port,
    reconfigure(next) {
      if (next.stageName !== api.stageName) throw new Error(`cannot move ${api.logicalId} from stage ${api.stageName} to ${next.stageName}`);
      api = next;
      matchRoute = createRouteMatcher(api.routes, (route) => route.key);
      buckets.clear();
      authorizers.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
