/**
 * What integration tests import to reach the embedded backend that globalSetup started:
 * endpoints (Bedrock mock included), a fresh migrated database per test (file), Google ID
 * tokens, AWS environment.
 * @module
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { beforeAll, inject, type RunnerTask, type RunnerTestCase } from 'vitest';
import { awsEnvironment } from '../backends/embedded.ts';
import { postgresUrl } from '../backends/embedded/postgres.ts';
import type { DevIdTokenRequest } from '../mocks/google-sign-in/index.ts';
import { BACKEND_UNAVAILABLE_KEY, PROVIDED_BACKEND_KEY, type ProvidedTestBackend } from './provided-backend.ts';

// The requested backend could not start (SERENYA_TEST_BACKEND=containers without a container
// runtime): every test of a file that imports this module is reported as skipped with the
// reason, never run and never passed. Registered at import, so before the file's own hooks.
const unavailableReason = inject(BACKEND_UNAVAILABLE_KEY);
if (unavailableReason !== undefined) {
  // eslint-disable-next-line no-empty-pattern -- vitest's hook fixtures need a destructuring first parameter
  beforeAll(({}, suite) => skipEveryTest(suite, unavailableReason));
}

/**
 * Throws vitest's own "skipped" signal from a test's `context.skip(note)`: from a `beforeAll`,
 * it marks the whole file skipped with the note before any other hook runs.
 */
function skipEveryTest(suite: RunnerTask, reason: string): void {
  const tests = testsOf(suite);
  // vitest keeps an existing result when it marks the rest skipped: so each shows the reason.
  // `note` is what the reporters print beside a skipped test; TaskResult's type does not list it.
  for (const test of tests) test.result = { ...test.result, state: 'skip', note: reason } as RunnerTestCase['result'];
  tests[0]?.context.skip(reason);
}

function testsOf(task: RunnerTask): RunnerTestCase[] {
  if (task.type === 'test') return [task];
  return ('tasks' in task ? task.tasks : []).flatMap(testsOf);
}

export interface TestBackend extends ProvidedTestBackend {
  postgres: ProvidedTestBackend['postgres'] & {
    /** Superuser URL for `database`. */
    adminUrl(database: string): string;
    /** URL for `database` as the app login role (the services' privileges). */
    appUrl(database: string): string;
  };
}

export interface TestDatabase {
  /** The database's name: `test_` plus random hex. */
  name: string;
  /** Superuser connection: for fixtures and for checking what the app may not see or change. */
  adminUrl: string;
  /** Connection as `serenya_app_user`: what services use. */
  appUrl: string;
  /** Drops the database, closing connections still open to it. Idempotent. */
  drop(): Promise<void>;
}

/**
 * The embedded backend's endpoints. Throws outside the `integration` project, where no
 * globalSetup started a backend.
 *
 * @example
 * ```ts
 * const { google, aws, bedrock } = getTestBackend();
 * const client = new BedrockRuntimeClient({ endpoint: bedrock.endpoint, region: aws.region, credentials: aws });
 * ```
 */
export function getTestBackend(): TestBackend {
  const provided = inject(PROVIDED_BACKEND_KEY) as ProvidedTestBackend | undefined;
  if (provided === undefined) {
    throw new Error(
      'No embedded backend: getTestBackend() works in the vitest `integration` project only. Name the test file *.integration.test.ts.',
    );
  }
  const { postgres } = provided;
  return {
    ...provided,
    postgres: {
      ...postgres,
      adminUrl: (database) => postgresUrl({ user: postgres.adminUser, password: postgres.adminPassword, host: postgres.host, port: postgres.port, database }),
      appUrl: (database) => postgresUrl({ user: postgres.appUser, password: postgres.appPassword, host: postgres.host, port: postgres.port, database }),
    },
  };
}

export interface TestDatabaseOptions {
  /** An empty database instead of a migrated one: for testing the migrations themselves. */
  empty?: boolean;
}

/**
 * A new database cloned from the migrated template (or empty, with `{ empty: true }`):
 * isolated from every other test, ready in milliseconds. Drop it in `afterAll`/`afterEach`;
 * the whole cluster goes at the end of the run anyway.
 *
 * @example
 * ```ts
 * const database = await createTestDatabase();
 * afterAll(() => database.drop());
 * const pool = new pg.Pool({ connectionString: database.appUrl });
 * ```
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const { postgres } = getTestBackend();
  const name = `test_${randomBytes(8).toString('hex')}`;
  await withAdminClient(postgres.adminUrl('postgres'), async (client) => {
    const template = options.empty === true ? '' : ` TEMPLATE ${client.escapeIdentifier(postgres.templateDatabase)}`;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${template}`);
  });
  let dropping: Promise<void> | undefined;
  return {
    name,
    adminUrl: postgres.adminUrl(name),
    appUrl: postgres.appUrl(name),
    drop: () => {
      dropping ??= withAdminClient(postgres.adminUrl('postgres'), async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      });
      return dropping;
    },
  };
}

/**
 * A signed Google ID token from the stand-in, for `POST /auth/google` and friends.
 *
 * @example
 * ```ts
 * const idToken = await mintGoogleIdToken({ email: 'jane@example.com' });
 * const expired = await mintGoogleIdToken({ email: 'jane@example.com', expiresInSeconds: -60 });
 * ```
 */
export async function mintGoogleIdToken(request: DevIdTokenRequest): Promise<string> {
  const response = await fetch(getTestBackend().google.idTokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`the Google stand-in refused to mint a token (${response.status}): ${text}`);
  const { idToken } = JSON.parse(text) as { idToken: string };
  return idToken;
}

/**
 * `AWS_ENDPOINT_URL`, `AWS_REGION` and credentials that point any AWS SDK v3 client at moto.
 *
 * @example
 * ```ts
 * for (const [name, value] of Object.entries(awsTestEnvironment())) vi.stubEnv(name, value);
 * const kms = new KMSClient({}); // reaches moto
 * ```
 */
export function awsTestEnvironment(): ReturnType<typeof awsEnvironment> {
  return awsEnvironment(getTestBackend().aws);
}

async function withAdminClient(connectionString: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
