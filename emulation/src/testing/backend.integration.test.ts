import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { awsTestEnvironment, createTestDatabase, getTestBackend, mintGoogleIdToken, type TestDatabase } from './backend.ts';

const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((database) => database.drop())));
afterEach(() => {
  vi.unstubAllEnvs();
});

async function newDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

async function query<Row extends Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('getTestBackend', () => {
  it('gives the endpoints of the backend that globalSetup started', () => {
    const backend = getTestBackend();

    expect(backend.aws).toMatchObject({ region: 'eu-west-1', accessKeyId: 'testing', secretAccessKey: 'testing' });
    expect(backend.aws.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(backend.google.idTokenUrl).toBe(`${backend.google.issuer}/dev/id-token`);
    expect(backend.postgres).toMatchObject({ host: '127.0.0.1', appUser: 'serenya_app_user', templateDatabase: 'serenya_template' });
    expect(backend.migrationsApplied.length).toBeGreaterThan(0);
  });
});

describe('createTestDatabase', () => {
  it('clones the migrated template', async () => {
    const database = await newDatabase();

    const rows = await query<{ name: string }>(database.adminUrl, 'select name from kysely_migration order by name');
    expect(rows.map((row) => row.name)).toEqual(getTestBackend().migrationsApplied);
  });

  it('creates an empty database on request', async () => {
    const database = await createTestDatabase({ empty: true });
    databases.push(database);

    const rows = await query<{ tables: number }>(
      database.adminUrl,
      `select count(*)::int as tables from information_schema.tables where table_schema = 'public'`,
    );
    expect(rows).toEqual([{ tables: 0 }]);
  });

  it('lets serenya_app_user connect, as a member of serenya_app', async () => {
    const database = await newDatabase();

    const [row] = await query<{ user: string; db: string; member: boolean }>(
      database.appUrl,
      `select current_user as user, current_database() as db, pg_has_role(current_user, 'serenya_app', 'member') as member`,
    );
    expect(row).toEqual({ user: 'serenya_app_user', db: database.name, member: true });
  });

  it('isolates databases from each other', async () => {
    const [first, second] = await Promise.all([newDatabase(), newDatabase()]);
    expect(first.name).not.toBe(second.name);

    await query(first.adminUrl, 'create table only_here (id int)');

    const tables = (url: string) => query<{ exists: boolean }>(url, `select to_regclass('public.only_here') is not null as exists`);
    expect(await tables(first.adminUrl)).toEqual([{ exists: true }]);
    expect(await tables(second.adminUrl)).toEqual([{ exists: false }]);
  });

  it('drop() removes the database even with a connection still open, idempotently', async () => {
    const database = await createTestDatabase();
    const lingering = new pg.Client({ connectionString: database.appUrl });
    lingering.on('error', () => undefined); // terminated by DROP … WITH (FORCE)
    await lingering.connect();

    await database.drop();
    await database.drop();

    const adminUrl = getTestBackend().postgres.adminUrl('postgres');
    expect(await query(adminUrl, 'select 1 from pg_database where datname = $1', [database.name])).toEqual([]);
    await lingering.end().catch(() => undefined);
  });
});

describe('mintGoogleIdToken', () => {
  it('returns a token the configured Google verifier accepts', async () => {
    const { google } = getTestBackend();

    const token = await mintGoogleIdToken({ email: 'pat@example.com' });

    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(google.jwksUri)), {
      issuer: google.issuer,
      audience: google.clientId,
      algorithms: ['RS256'],
    });
    expect(payload).toMatchObject({ email: 'pat@example.com', email_verified: true, azp: google.clientId });
  });

  it('throws with the validation error when the stand-in refuses', async () => {
    await expect(mintGoogleIdToken({ email: 'not-an-email' })).rejects.toThrow(/400.*VALIDATION_ERROR/);
  });
});

describe('awsTestEnvironment', () => {
  it('points an AWS SDK client built with no options at moto', async () => {
    const environment = awsTestEnvironment();
    expect(environment.AWS_ENDPOINT_URL).toBe(getTestBackend().aws.endpoint);
    for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
    const kms = new KMSClient({});

    try {
      const created = await kms.send(new CreateKeyCommand({}));
      const described = await kms.send(new DescribeKeyCommand({ KeyId: created.KeyMetadata?.KeyId }));
      expect(described.KeyMetadata?.Arn).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\//);
    } finally {
      kms.destroy();
    }
  });
});

describe('the Bedrock mock', () => {
  // Other test files may be steering the shared mock (faults, latency) right now, so this only
  // checks that it is there and serves the expected models; the mock's own tests cover the SDK.
  it('answers at getTestBackend().bedrock.endpoint', async () => {
    const { bedrock } = getTestBackend();
    expect(bedrock.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const response = await fetch(`${bedrock.endpoint}/_mock/config`);

    expect(response.status).toBe(200);
    expect(((await response.json()) as { models: string[] }).models).toContain('eu.anthropic.claude-haiku-4-5-20251001-v1:0');
  });
});
