/**
 * The payload format 2.0 event API Gateway sends a Lambda integration, and how API Gateway turns
 * the function's answer back into an HTTP response (a proxy result with `statusCode`, or any
 * other JSON value as a 200 `application/json` body).
 * @module
 */
import type { JwtAuthorizerContext } from './jwt-authorizer.ts';

export interface HttpApiEventV2 {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    authorizer?: JwtAuthorizerContext;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
}

export interface IncomingRequestData {
  readonly method: string;
  /** The path as sent (still percent-encoded), without the query. */
  readonly rawPath: string;
  readonly rawQueryString: string;
  /** Lower-case names; repeated headers as arrays (node's `headersDistinct`). */
  readonly headers: Readonly<Partial<Record<string, readonly string[]>>>;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
}

/** Content types API Gateway passes as text; every other body is base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type.startsWith('text/') || /^application\/([\w.-]+\+)?(json|xml|javascript|x-www-form-urlencoded|graphql)$/.test(type);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, API Gateway's `requestContext.time`. */
export function apiGatewayTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()] ?? ''}/${String(date.getUTCFullYear())}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/**
 * The event for one request.
 *
 * @example
 * ```ts
 * const event = buildHttpApiEventV2(request, { routeKey: 'GET /items/{id}', pathParameters: { id: '1' }, apiId, stage: '$default', accountId, requestId, timeEpoch: Date.now() });
 * ```
 */
export function buildHttpApiEventV2(
  request: IncomingRequestData,
  details: {
    routeKey: string;
    pathParameters: Record<string, string>;
    apiId: string;
    stage: string;
    accountId: string;
    requestId: string;
    timeEpoch: number;
    authorizer?: JwtAuthorizerContext;
  },
): HttpApiEventV2 {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(request.headers)) {
    if (values === undefined) continue;
    if (name === 'cookie') {
      cookies = values.flatMap((value) => value.split(';')).map((cookie) => cookie.trim()).filter((cookie) => cookie !== '');
      continue;
    }
    headers[name] = values.join(',');
  }
  const host = headers.host ?? 'localhost';
  const query = new URLSearchParams(request.rawQueryString);
  const queryStringParameters: Record<string, string> = {};
  for (const name of new Set(query.keys())) queryStringParameters[name] = query.getAll(name).join(',');

  const event: HttpApiEventV2 = {
    version: '2.0',
    routeKey: details.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    headers,
    requestContext: {
      accountId: details.accountId,
      apiId: details.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: { method: request.method, path: request.rawPath, protocol: request.protocol, sourceIp: request.sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: details.requestId,
      routeKey: details.routeKey,
      stage: details.stage,
      time: apiGatewayTime(details.timeEpoch),
      timeEpoch: details.timeEpoch,
    },
    isBase64Encoded: false,
  };
  if (cookies !== undefined && cookies.length > 0) event.cookies = cookies;
  if (Object.keys(queryStringParameters).length > 0) event.queryStringParameters = queryStringParameters;
  if (Object.keys(details.pathParameters).length > 0) event.pathParameters = details.pathParameters;
  if (details.authorizer !== undefined) event.requestContext.authorizer = details.authorizer;
  if (request.body.length > 0) {
    const text = isTextContentType(headers['content-type']);
    event.body = text ? request.body.toString('utf8') : request.body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}

/** An HTTP response as API Gateway builds it from the function's answer. */
export interface MappedResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * Maps the function's answer; undefined when it is malformed (API Gateway then answers 500).
 *
 * @example
 * ```ts
 * mapHttpApiResult({ statusCode: 201, body: '{}', cookies: ['a=1'] });
 * mapHttpApiResult({ hello: 'world' }); // 200, application/json, {"hello":"world"}
 * ```
 */
export function mapHttpApiResult(payload: unknown): MappedResponse | undefined {
  if (payload === null || typeof payload !== 'object' || !('statusCode' in payload)) {
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(payload)) };
  }
  const result = payload as { statusCode: unknown; headers?: unknown; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
  const statusCode = Number(result.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return undefined;
  const headers: Record<string, string | string[]> = {};
  if (result.headers !== undefined && result.headers !== null) {
    if (typeof result.headers !== 'object') return undefined;
    for (const [name, value] of Object.entries(result.headers as Record<string, unknown>)) headers[name.toLowerCase()] = String(value);
  }
  if (Array.isArray(result.cookies) && result.cookies.length > 0) headers['set-cookie'] = result.cookies.map((cookie) => String(cookie as string));
  const text = typeof result.body === 'string' ? result.body : result.body === undefined || result.body === null ? '' : JSON.stringify(result.body);
  const body = result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text);
  return { statusCode, headers, body };
}
