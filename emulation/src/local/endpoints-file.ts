/**
 * `.local/endpoints.json`: the running platform's URLs for scripts (load tests, e2e, curl),
 * written when it is ready and removed when it stops, so a file there means "it is running".
 * @module
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Every key a script may rely on. URLs are strings; `readyMs` the start-up time. */
export interface LocalEndpoints {
  readonly backend: 'embedded' | 'containers' | 'aws';
  readonly api: string;
  readonly web: string;
  /** The Google sign-in stand-in's issuer (its sign-in page is `signIn`). */
  readonly google: string;
  readonly signIn: string;
  readonly bedrock: string;
  /** The AWS emulator (moto or LocalStack). */
  readonly moto: string;
  /** PostgreSQL as the services reach it (app login role). */
  readonly postgres: string;
  readonly readyMs: number;
  readonly [extra: string]: unknown;
}

/** `--backend aws`: the deployed stage's URLs (no local servers), same `api`/`web` keys. */
export interface DeployedStageEndpoints {
  readonly backend: 'aws';
  readonly api: string;
  readonly web?: string;
  readonly readyMs: number;
  readonly [extra: string]: unknown;
}

export async function writeEndpointsFile(file: string, endpoints: LocalEndpoints | DeployedStageEndpoints): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // 0600: the PostgreSQL URL carries a password (a local one, but still).
  await writeFile(file, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
}

export async function removeEndpointsFile(file: string): Promise<void> {
  await rm(file, { force: true });
}
