/**
 * Test helpers: a minimal API Gateway HTTP API (payload 2.0) event and a Lambda context, to
 * call a service's `handler` the way Lambda does.
 * @module
 */

export interface HttpApiEventOptions {
  headers?: Record<string, string>;
  body?: unknown;
  requestId?: string;
}

/**
 * @example
 * ```ts
 * const res = await handler(httpApiEvent('POST', '/auth/google', { body: { idToken } }), lambdaContext('serenya-auth'));
 * ```
 */
export function httpApiEvent(method: string, path: string, options: HttpApiEventOptions = {}) {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.serenya.test', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.serenya.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: options.requestId ?? 'apigw-request-0001',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '25/Nov/2026:12:00:00 +0000',
      timeEpoch: 1795600000000,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    isBase64Encoded: false,
  };
}

/** A Lambda context for `functionName` with 30 s left. */
export function lambdaContext(functionName: string) {
  return {
    awsRequestId: 'lambda-1',
    functionName,
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    functionVersion: '$LATEST',
    getRemainingTimeInMillis: () => 30_000,
  };
}
