import { describe, expect, it } from 'vitest';
import { createRouteMatcher, parseRouteKey } from './route-matcher.ts';

const routes = ['GET /documents', 'GET /documents/{id}', 'GET /documents/latest', 'ANY /documents/{id}', 'GET /files/{proxy+}', 'ANY /{proxy+}', '$default'].map(parseRouteKey);
const matchRoute = createRouteMatcher(routes, (route) => route);
const match = (method: string, path: string) => {
  const found = matchRoute(method, path);
  return found === undefined ? undefined : [found.route.routeKey, found.pathParameters];
};

describe('createRouteMatcher', () => {
  it('prefers literal segments, then parameters, then greedy ones, then a method over ANY', () => {
    expect(match('GET', '/documents')).toEqual(['GET /documents', {}]);
    expect(match('GET', '/documents/latest')).toEqual(['GET /documents/latest', {}]);
    expect(match('GET', '/documents/42')).toEqual(['GET /documents/{id}', { id: '42' }]);
    expect(match('DELETE', '/documents/42')).toEqual(['ANY /documents/{id}', { id: '42' }]);
    expect(match('GET', '/files/a/b')).toEqual(['GET /files/{proxy+}', { proxy: 'a/b' }]);
    expect(match('POST', '/files/a/b')).toEqual(['ANY /{proxy+}', { proxy: 'files/a/b' }]);
    expect(match('GET', '/')).toEqual(['$default', {}]);
  });

  it('decodes path parameters and answers nothing without $default', () => {
    expect(match('GET', '/documents/a%20b')).toEqual(['GET /documents/{id}', { id: 'a b' }]);
    expect(createRouteMatcher([parseRouteKey('GET /a')], (route) => route)('GET', '/b')).toBeUndefined();
    expect(() => parseRouteKey('/no-method')).toThrow(/METHOD \/path/);
  });
});
