import { afterEach, describe, expect, it } from 'vitest';
import type { LocalFunction } from '../functions/local-function.ts';
import type { HttpApiDefinition, HttpRouteDefinition } from './http-api-definition.ts';
import { startHttpApiServer, type HttpApiServer } from './http-api-server.ts';
import type { HttpApiEventV2 } from './payload-v2.ts';
import { parseRouteKey } from './route-matcher.ts';

const servers: HttpApiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A function that answers with the event's routeKey and rawPath, without a worker. */
const fakeFunction = {
  definition: { logicalId: 'Fn', functionName: 'fn' },
  invoke: (event: unknown) => {
    const { routeKey, rawPath, requestContext } = event as HttpApiEventV2;
    return Promise.resolve({ requestId: 'r', functionName: 'fn', outcome: 'success', durationMs: 1, payload: { routeKey, rawPath, stage: requestContext.stage } });
  },
} as unknown as LocalFunction;

function route(routeKey: string): HttpRouteDefinition {
  return { logicalId: routeKey, key: parseRouteKey(routeKey), functionLogicalId: 'Fn', integrationTimeoutMs: 30_000, authorizer: undefined, authorizationScopes: [] };
}

function api(overrides: Partial<HttpApiDefinition>): HttpApiDefinition {
  return { logicalId: 'Api', apiId: 'abc', cors: undefined, stageName: '$default', defaultThrottle: undefined, routeThrottle: {}, accessLogFormat: undefined, routes: [route('GET /items')], ...overrides };
}

async function start(definition: HttpApiDefinition): Promise<HttpApiServer> {
  const server = await startHttpApiServer({ api: definition, functions: new Map([['Fn', fakeFunction]]), accountId: '123456789012', region: 'eu-west-1' });
  servers.push(server);
  return server;
}

describe('startHttpApiServer', () => {
  it('serves a named stage under its path prefix, and nothing outside it', async () => {
    const server = await start(api({ stageName: 'v1' }));
    expect(server.url).toMatch(/\/v1$/);
    expect(await (await fetch(`${server.url}/items`)).json()).toEqual({ routeKey: 'GET /items', rawPath: '/v1/items', stage: 'v1' });
    expect((await fetch(server.url.replace(/\/v1$/, '/items'))).status).toBe(404);
  });

  it('answers 404 without a matching route, and takes a new definition on reconfigure', async () => {
    const server = await start(api({}));
    expect(await (await fetch(`${server.url}/other`)).json()).toEqual({ message: 'Not Found' });
    server.reconfigure(api({ routes: [route('GET /other')] }));
    expect((await fetch(`${server.url}/other`)).status).toBe(200);
    expect(() => server.reconfigure(api({ stageName: 'v2' }))).toThrow(/cannot move Api from stage \$default to v2/);
  });

  it('applies per-route throttling over the stage default', async () => {
    const server = await start(api({ routes: [route('GET /items'), route('GET /other')], defaultThrottle: { rateLimit: 0.001, burstLimit: 1 }, routeThrottle: { 'GET /other': { rateLimit: 0.001, burstLimit: 3 } } }));
    const statuses = async (path: string) => {
      const seen: number[] = [];
      for (let index = 0; index < 4; index += 1) seen.push((await fetch(`${server.url}${path}`)).status);
      return seen;
    };
    expect(await statuses('/items')).toEqual([200, 429, 429, 429]);
    expect(await statuses('/other')).toEqual([200, 200, 200, 429]);
  });
});
