/**
 * Test harness for a service's Lambda `handler.ts`: serves a JWKS as the auth service would,
 * stubs the environment every service reads (an unreachable database, since these tests stop
 * before any query; the token issuer and its keys' URL), imports the handler after that, and
 * undoes it all after the file.
 * @module
 */
import { afterAll, beforeAll, vi } from 'vitest';
import { createTestTokenIssuer, type JwksEndpoint, type TestTokenIssuer } from './test-token-issuer.ts';

export type LambdaHttpHandler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;

export const HANDLER_TEST_ISSUER = 'https://api.serenya.test';

/**
 * @example
 * ```ts
 * const lambda = useLambdaHandler(() => import('./handler.ts'), { COST_TABLE_NAME: 'cost' });
 * it('…', async () => { const res = await lambda.handler(httpApiEvent('GET', '/openapi.json'), ctx); });
 * ```
 */
export function useLambdaHandler(load: () => Promise<unknown>, environment: Record<string, string> = {}) {
  const state = {} as { handler: LambdaHttpHandler; issuer: TestTokenIssuer; jwks: JwksEndpoint };
  beforeAll(async () => {
    state.issuer = await createTestTokenIssuer(HANDLER_TEST_ISSUER);
    state.jwks = await state.issuer.serveJwks();
    const common = {
      AWS_REGION: 'eu-west-1',
      DATABASE_URL: 'postgres://serenya_app_user:x@127.0.0.1:1/serenya',
      DATABASE_SSL: 'disable',
      DATABASE_CONNECT_RETRIES: '0',
      ACCESS_TOKEN_ISSUER: HANDLER_TEST_ISSUER,
      ACCESS_TOKEN_JWKS_URL: state.jwks.url,
    };
    for (const [name, value] of Object.entries({ ...common, ...environment })) vi.stubEnv(name, value);
    state.handler = ((await load()) as { handler: LambdaHttpHandler }).handler;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await state.jwks?.close();
  });
  return state;
}
