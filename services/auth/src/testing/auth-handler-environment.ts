/**
 * The environment the auth Lambda reads at import, for tests that load `handler.ts`: an
 * unreachable database (these tests stop before any query), a local signer and stand-in ids.
 *
 * @example
 * ```ts
 * beforeAll(async () => {
 *   stubAuthHandlerEnvironment();
 *   ({ handler } = await import('../handler.ts'));
 * });
 * afterAll(() => vi.unstubAllEnvs());
 * ```
 * @module
 */
import { vi } from 'vitest';

export const AUTH_HANDLER_ENVIRONMENT = {
  DATABASE_URL: 'postgres://serenya_app_user:x@127.0.0.1:1/serenya',
  DATABASE_SSL: 'disable',
  GOOGLE_CLIENT_IDS: 'client.apps.googleusercontent.com',
  ACCESS_TOKEN_ISSUER: 'https://api.serenya.test',
  ACCESS_TOKEN_SIGNER: 'local',
  AWS_REGION: 'eu-west-1',
  PHI_KMS_KEY_ARN: 'arn:aws:kms:eu-west-1:123456789012:alias/serenya-database',
} as const;

/** Stubs {@link AUTH_HANDLER_ENVIRONMENT} (undo with `vi.unstubAllEnvs()`). */
export function stubAuthHandlerEnvironment(): void {
  for (const [name, value] of Object.entries(AUTH_HANDLER_ENVIRONMENT)) vi.stubEnv(name, value);
}
