import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTH_HANDLER_ENVIRONMENT } from './testing/auth-handler-environment.ts';

// The Lambda reads its configuration when the module loads: a missing or bad variable must stop
// the container at start, naming the variable, not fail inside the first request.
const complete = AUTH_HANDLER_ENVIRONMENT;

async function loadHandlerWith(environment: Record<string, string>): Promise<unknown> {
  vi.resetModules();
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  return import('./handler.ts');
}

describe('auth Lambda configuration', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('loads with a complete environment', async () => {
    await expect(loadHandlerWith(complete)).resolves.toHaveProperty('handler');
  });

  it.each([
    ['GOOGLE_CLIENT_IDS', '', /Invalid Google sign-in configuration: GOOGLE_CLIENT_IDS: is required but not set/],
    ['ACCESS_TOKEN_ISSUER', 'not a url', /Invalid access token configuration: ACCESS_TOKEN_ISSUER/],
    ['ACCESS_TOKEN_SIGNER', 'vault:key', /ACCESS_TOKEN_SIGNER: must be 'local' or 'kms:<key id, alias or ARN>'/],
    ['DATABASE_URL', 'mysql://db', /Invalid database configuration: DATABASE_URL: must be a postgres:\/\/ URL/],
  ])('fails at load naming %s when it is missing or bad', async (name, value, message) => {
    await expect(loadHandlerWith({ ...complete, [name]: value })).rejects.toThrow(message);
  });
});
