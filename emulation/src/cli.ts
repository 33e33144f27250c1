/**
 * `npm run local`: Serenya on this machine, no Docker, no AWS account. Starts the embedded
 * backend (PostgreSQL 18, moto, the Google sign-in stand-in), a migrated `serenya` database,
 * the access-token key in the emulated KMS, and serves the auth service; prints a banner when
 * ready and stops everything on Ctrl-C. Data lives in a temp folder until then.
 * @module
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { awsEnvironment, startEmbeddedBackend, type EmbeddedBackend } from './backends/embedded.ts';
import { createAccessTokenKey, createDatabaseKey, ACCESS_TOKEN_KEY_ALIAS } from './local/kms-keys.ts';
import { createCostTable } from './local/cost-table.ts';
import { COST_TABLE_DEFAULT_NAME } from '../../services/shared/src/cost/cost-table-definition.ts';
import { serveApp, type ServedApp } from './local/serve-app.ts';

const usage = `Usage: npm run local [-- --port <port>]

Starts Serenya locally: PostgreSQL 18 (embedded), moto server (AWS emulator), the Google
sign-in stand-in, the Bedrock Runtime mock, and the auth service on http://127.0.0.1:<port>. Ctrl-C stops it all.
  --port <n>   port of the API (default 4000; 0 picks a free one)
  -h, --help   this text`;

const DATABASE = 'serenya';
const COST_TABLE = COST_TABLE_DEFAULT_NAME;
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function createDatabase(backend: EmbeddedBackend): Promise<void> {
  const client = new pg.Client({ connectionString: backend.postgres.adminUrl('postgres') });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${DATABASE} TEMPLATE ${client.escapeIdentifier(backend.postgres.templateDatabase)}`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '4000' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    say(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, not '${values.port}'`);

  const started = performance.now();
  say('serenya local: starting PostgreSQL 18, moto server, the Google sign-in stand-in and the Bedrock mock…');
  let backend: EmbeddedBackend | undefined;
  let api: ServedApp | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nserenya local: stopping…');
    await api?.close();
    await backend?.stop();
    say('serenya local: stopped; the local data was removed.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    backend = await startEmbeddedBackend();
    const t = backend.timings;
    say(`serenya local: backend up in ${t.totalMs} ms (PostgreSQL ${t.postgresMs} ms + migrations ${t.templateMs} ms, moto ${t.motoMs} ms, Google stand-in ${t.googleMs} ms, Bedrock mock ${t.bedrockMs} ms)`);
    await createDatabase(backend);

    // Services read everything from the environment, exactly as in Lambda.
    Object.assign(process.env, awsEnvironment(backend.aws));
    const { kmsClient } = await import('../../services/shared/src/aws/clients.ts');
    const keyArn = await createAccessTokenKey(kmsClient());
    const databaseKeyArn = await createDatabaseKey(kmsClient());
    await createCostTable(backend.aws, COST_TABLE);

    const bind = port === 0 ? await (await import('./backends/embedded/free-port.ts')).getFreePort() : port;
    const apiUrl = `http://127.0.0.1:${bind}`;
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: backend.bedrock.endpoint,
      COST_TABLE_NAME: COST_TABLE,
      PHI_KMS_KEY_ARN: databaseKeyArn,
      DATABASE_URL: backend.postgres.appUrl(DATABASE),
      DATABASE_SSL: 'disable',
      GOOGLE_CLIENT_IDS: backend.google.clientId,
      GOOGLE_ISSUERS: backend.google.issuer,
      GOOGLE_JWKS_URL: backend.google.jwksUri,
      ACCESS_TOKEN_ISSUER: apiUrl,
      ACCESS_TOKEN_SIGNER: `kms:${keyArn}`,
      ACCESS_TOKEN_JWKS_URL: `${apiUrl}/.well-known/jwks.json`,
      POWERTOOLS_SERVICE_NAME: 'auth',
    });
    const { createAuthApp } = await import('../../services/auth/src/app.ts');
    const { authDependenciesFromEnvironment } = await import('../../services/auth/src/dependencies-from-environment.ts');
    const deps = authDependenciesFromEnvironment();
    await deps.signer;
    api = await serveApp(createAuthApp(deps), bind);

    say(`
serenya local is ready in ${Math.round(performance.now() - started)} ms
  API (auth service)     ${api.url}
                         POST /auth/google  POST /auth/refresh  POST /auth/logout
                         GET  /.well-known/jwks.json  GET /openapi.json
  Google sign-in         POST ${backend.google.idTokenUrl}  {"email": "you@example.com"}
  AWS emulator (moto)    ${backend.aws.endpoint}  (region ${backend.aws.region}; access-token key ${ACCESS_TOKEN_KEY_ALIAS}; cost table ${COST_TABLE})
  Bedrock Runtime mock   ${backend.bedrock.endpoint}  (GET /_mock/stats, POST /_mock/config)
  PostgreSQL 18          ${backend.postgres.adminUrl(DATABASE)}

Try:  TOKEN=$(curl -s -X POST ${backend.google.idTokenUrl} -H 'content-type: application/json' -d '{"email":"you@example.com"}' | sed 's/.*"idToken":"\\([^"]*\\)".*/\\1/')
      curl -s -X POST ${api.url}/auth/google -H 'content-type: application/json' -d "{\\"idToken\\":\\"$TOKEN\\"}"
Ctrl-C stops everything.`);
  } catch (error) {
    process.stderr.write(`serenya local: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`serenya local: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
