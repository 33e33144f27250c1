/**
 * What the integration globalSetup hands to test files through vitest's `provide`/`inject`.
 * Only plain data crosses that boundary (it is serialised to the test workers), so URLs are
 * rebuilt from these parts on the test side.
 * @module
 */

import type { AwsEndpoint, BedrockEndpoint, EmbeddedPostgresEndpoint, GoogleSignInEndpoint } from '../backends/embedded.ts';

/** The key under which the embedded backend's endpoints are provided. */
export const PROVIDED_BACKEND_KEY = 'serenyaBackend';
/** Provided instead when the requested backend cannot start here (no container runtime): why. */
export const BACKEND_UNAVAILABLE_KEY = 'serenyaBackendUnavailable';

export interface ProvidedTestBackend {
  /** The endpoint without its URL builders: functions do not survive serialisation. */
  postgres: Omit<EmbeddedPostgresEndpoint, 'adminUrl' | 'appUrl'>;
  aws: AwsEndpoint;
  google: GoogleSignInEndpoint;
  /** The shared Bedrock mock. Tests that change its behaviour start their own (startBedrockMock). */
  bedrock: BedrockEndpoint;
  migrationsApplied: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    [PROVIDED_BACKEND_KEY]: ProvidedTestBackend;
    [BACKEND_UNAVAILABLE_KEY]: string | undefined;
  }
}
