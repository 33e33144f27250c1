/**
 * What the integration globalSetup hands to test files through vitest's `provide`/`inject`.
 * Only plain data crosses that boundary (it is serialised to the test workers), so URLs are
 * rebuilt from these parts on the test side.
 * @module
 */

/** The key under which the embedded backend's endpoints are provided. */
export const PROVIDED_BACKEND_KEY = 'serenyaBackend';

export interface ProvidedTestBackend {
  postgres: {
    host: string;
    port: number;
    adminUser: string;
    adminPassword: string;
    appUser: string;
    appPassword: string;
    templateDatabase: string;
  };
  aws: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string };
  google: { issuer: string; jwksUri: string; idTokenUrl: string; clientId: string };
  migrationsApplied: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    [PROVIDED_BACKEND_KEY]: ProvidedTestBackend;
  }
}
