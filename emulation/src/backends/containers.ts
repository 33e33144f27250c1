/**
 * The containers backend: PostgreSQL 18 and LocalStack in containers through testcontainers,
 * for machines that have Docker/Podman and want LocalStack's AWS instead of moto's. The mocks
 * (Google stand-in, Bedrock) and the local runtime stay the same as in the embedded backend.
 *
 * `LOCALSTACK_AUTH_TOKEN` is passed to the container when set (LocalStack Pro features).
 * Without a container runtime every entry point stops with one clear message, before pulling
 * anything.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { StartedLocalStackContainer } from '@testcontainers/localstack';
import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import { startBedrockMock } from '../mocks/bedrock/index.ts';
import { startGoogleSignIn } from '../mocks/google-sign-in/index.ts';
import { detectContainerRuntime } from './container-runtime.ts';
import { APP_LOGIN_ROLE } from './app-login-role.ts';
import { prepareTemplateDatabase, TEMPLATE_DATABASE, type EmbeddedBackend } from './embedded.ts';
import { postgresUrl } from './embedded/postgres.ts';
import type { LocalBackend } from './local-backend.ts';

/** Same major as RDS and the embedded server. */
export const POSTGRES_IMAGE = 'postgres:18-alpine';
export const LOCALSTACK_IMAGE = 'localstack/localstack:4';

/** The container runtime is missing: the message says what to do. */
export class ContainerRuntimeUnavailableError extends Error {
  override readonly name = 'ContainerRuntimeUnavailableError';
}

interface StartedContainers {
  readonly postgres: StartedPostgreSqlContainer;
  readonly localstack: StartedLocalStackContainer;
  readonly postgresMs: number;
  readonly region: string;
  readonly adminUrl: (database: string) => string;
  readonly stop: () => Promise<void>;
}

async function startContainers(region: string): Promise<StartedContainers> {
  const runtime = await detectContainerRuntime();
  if (!runtime.available) throw new ContainerRuntimeUnavailableError(runtime.reason);
  const [{ PostgreSqlContainer }, { LocalstackContainer }] = await Promise.all([import('@testcontainers/postgresql'), import('@testcontainers/localstack')]);
  const password = randomBytes(18).toString('base64url');
  const started = performance.now();
  const localstackEnvironment: Record<string, string> = { AWS_DEFAULT_REGION: region, SERVICES: 's3,sqs,kms,dynamodb,sns,logs,cloudwatch,secretsmanager,sts,iam,cloudformation' };
  if (process.env.LOCALSTACK_AUTH_TOKEN) localstackEnvironment.LOCALSTACK_AUTH_TOKEN = process.env.LOCALSTACK_AUTH_TOKEN;
  const [postgresResult, localstackResult] = await Promise.allSettled([
    new PostgreSqlContainer(POSTGRES_IMAGE).withUsername('postgres').withPassword(password).withDatabase('postgres').start(),
    new LocalstackContainer(LOCALSTACK_IMAGE).withEnvironment(localstackEnvironment).start(),
  ]);
  if (postgresResult.status === 'rejected' || localstackResult.status === 'rejected') {
    await Promise.allSettled([postgresResult, localstackResult].flatMap((result) => (result.status === 'fulfilled' ? [result.value.stop()] : [])));
    const failures = [postgresResult, localstackResult].flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    throw failures.length === 1 ? failures[0] : new AggregateError(failures, 'the PostgreSQL and LocalStack containers failed to start');
  }
  const postgres = postgresResult.value;
  const localstack = localstackResult.value;
  let stopping: Promise<void> | undefined;
  return {
    postgres,
    localstack,
    region,
    postgresMs: Math.round(performance.now() - started),
    adminUrl: (database) => postgresUrl({ user: 'postgres', password, host: postgres.getHost(), port: postgres.getPort(), database }),
    stop: () => {
      stopping ??= Promise.allSettled([postgres.stop(), localstack.stop()]).then(() => undefined);
      return stopping;
    },
  };
}

/**
 * `npm run local -- --backend containers`: PostgreSQL and LocalStack containers (removed on stop:
 * container data is not kept between runs).
 *
 * @example
 * ```ts
 * const backend = await startContainersLocalBackend({ region: 'eu-west-1' });
 * ```
 */
export async function startContainersLocalBackend(options: { region?: string } = {}): Promise<LocalBackend> {
  const containers = await startContainers(options.region ?? 'eu-west-1');
  return {
    aws: { endpoint: containers.localstack.getConnectionUri(), region: containers.region, accessKeyId: 'test', secretAccessKey: 'test' },
    awsLabel: 'LocalStack',
    postgres: { adminUrl: containers.adminUrl, created: true },
    stop: () => containers.stop(),
  };
}

/**
 * The integration suite's backend on containers (`SERENYA_TEST_BACKEND=containers`): the same
 * shape as the embedded one (migrated template database, app login role, Google stand-in,
 * Bedrock mock), with PostgreSQL and LocalStack in containers.
 */
export async function startContainersTestBackend(options: { region?: string } = {}): Promise<EmbeddedBackend> {
  const started = performance.now();
  const containers = await startContainers(options.region ?? 'eu-west-1');
  const stops: Array<() => Promise<void>> = [() => containers.stop()];
  try {
    const { appPassword, migrationsApplied } = await prepareTemplateDatabase({ adminUrl: (database = 'postgres') => containers.adminUrl(database) });
    const google = await startGoogleSignIn();
    stops.push(() => google.stop());
    const bedrock = await startBedrockMock();
    stops.push(() => bedrock.stop());
    const host = containers.postgres.getHost();
    const port = containers.postgres.getPort();
    const totalMs = Math.round(performance.now() - started);
    return {
      postgres: {
        host,
        port,
        adminUser: 'postgres',
        adminPassword: new URL(containers.adminUrl('postgres')).password,
        appUser: APP_LOGIN_ROLE,
        appPassword,
        templateDatabase: TEMPLATE_DATABASE,
        adminUrl: containers.adminUrl,
        appUrl: (database) => postgresUrl({ user: APP_LOGIN_ROLE, password: appPassword, host, port, database }),
      },
      aws: { endpoint: containers.localstack.getConnectionUri(), region: containers.region, accessKeyId: 'test', secretAccessKey: 'test' },
      google: { issuer: google.issuer, jwksUri: google.jwksUri, idTokenUrl: google.idTokenUrl, clientId: google.clientId },
      bedrock: { endpoint: bedrock.endpoint },
      migrationsApplied,
      timings: { postgresMs: containers.postgresMs, templateMs: 0, motoMs: 0, motoReadyMs: 0, motoWarmUpMs: 0, googleMs: 0, bedrockMs: 0, totalMs },
      stop: async () => {
        await Promise.allSettled(stops.map((stop) => stop()));
      },
    };
  } catch (error) {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw error;
  }
}
