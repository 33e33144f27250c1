import { describe, expect, it } from 'vitest';
import { formatAccessLog } from './access-log.ts';
import { apiGatewayTime, isTextContentType, mapHttpApiResult } from './payload-v2.ts';

describe('mapHttpApiResult', () => {
  it('maps a proxy result with cookies and a base64 body', () => {
    expect(mapHttpApiResult({ statusCode: 201, headers: { 'X-A': 1 }, cookies: ['a=1', 'b=2'], body: Buffer.from([1, 2]).toString('base64'), isBase64Encoded: true })).toEqual({
      statusCode: 201,
      headers: { 'x-a': '1', 'set-cookie': ['a=1', 'b=2'] },
      body: Buffer.from([1, 2]),
    });
  });

  it('answers other JSON values as a 200 application/json body, and refuses a malformed status', () => {
    expect(mapHttpApiResult('hi')).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('"hi"') });
    expect(mapHttpApiResult({ statusCode: 'teapot' })).toBeUndefined();
    expect(mapHttpApiResult({ statusCode: 204 })).toEqual({ statusCode: 204, headers: {}, body: Buffer.alloc(0) });
  });
});

describe('payload helpers', () => {
  it('tells text from binary content types as API Gateway does', () => {
    expect(['text/plain', 'application/json; charset=utf-8', 'application/fhir+json', 'application/x-www-form-urlencoded'].map(isTextContentType)).toEqual([true, true, true, true]);
    expect(['application/pdf', 'image/jpeg', 'multipart/form-data; boundary=x', undefined].map(isTextContentType)).toEqual([false, false, false, false]);
  });

  it("formats requestContext.time and access-log variables, '-' for missing ones", () => {
    expect(apiGatewayTime(Date.UTC(2020, 2, 12, 19, 3, 58))).toBe('12/Mar/2020:19:03:58 +0000');
    expect(formatAccessLog('{"s":"$context.status","e":"$context.integrationErrorMessage","r":"$context.routeKey"}.', { status: 200, routeKey: 'GET /"x"' })).toBe(
      '{"s":"200","e":"-","r":"GET /\\"x\\""}.',
    );
  });
});
