/**
 * The function bundles as `cdk synth` builds them (`esbuildOptions`, the same options as
 * `SERVICE_BUNDLING`): each under the budget, with the AWS SDK left to the runtime and zod's
 * translations left out, and each loading under Node 24 with the SDK resolved from outside the
 * bundle, as the Lambda runtime provides it, and exporting its handler; and CDK's own esbuild
 * command line building the same bytes. ~6 s: one esbuild call for every function, one child
 * process importing them all, one NodejsFunction synthesized.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALIASES, BUNDLE_BUDGET_BYTES, esbuildOptions, EXTERNAL_MODULES, REPOSITORY_ROOT, RUNTIME_SDK_PACKAGES, SERVICE_BUNDLING } from './bundling.ts';
import { FUNCTION_ENTRIES } from './function-entries.ts';

type Output = Metafile['outputs'][string];

/** What each bundle's INIT reads; nothing listens there, and nothing is called before a request. */
const FUNCTION_ENVIRONMENT = {
  AWS_REGION: 'eu-west-1',
  DATABASE_URL: 'postgres://serenya_app_user:x@127.0.0.1:1/serenya',
  DATABASE_SSL: 'disable',
  DATABASE_CONNECT_RETRIES: '0',
  ACCESS_TOKEN_ISSUER: 'https://api.serenya.test',
  ACCESS_TOKEN_JWKS_URL: 'http://127.0.0.1:1/.well-known/jwks.json',
  ACCESS_TOKEN_SIGNER: 'local',
  GOOGLE_CLIENT_IDS: 'client.apps.googleusercontent.com',
  PHI_KMS_KEY_ARN: 'arn:aws:kms:eu-west-1:123456789012:alias/serenya-database',
  COST_TABLE_NAME: 'serenya-llm-cost-tracking',
  DOCUMENTS_BUCKET: 'serenya-temp',
  DOCUMENTS_KMS_KEY_ID: 'alias/serenya-documents',
  PROCESSING_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/serenya-processing',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

/** Bundled like a function; proves zod in a bundle still speaks English and only English. */
const ZOD_PROBE = `
import { z } from '@hono/zod-openapi';
export const probe = {
  typeError: z.object({ age: z.number() }).safeParse({ age: 'x' }).error?.issues[0]?.message,
  tooShort: z.string().min(3).safeParse('x').error?.issues[0]?.message,
  locales: Object.keys(z.locales),
  coreLocales: Object.keys(z.core.locales),
  openapi: typeof z.string().openapi,
};`;

let directory: string;
const outputs = new Map<string, Output>();
let loaded: Record<string, unknown>;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'serenya-bundles-'));
  // The SDK stays outside the bundles; in Lambda it is the runtime's, here the repository's.
  symlinkSync(join(REPOSITORY_ROOT, 'node_modules'), join(directory, 'node_modules'), 'dir');
  const { entryPoints: _, ...options } = esbuildOptions(FUNCTION_ENTRIES.auth);
  const entryPoints = Object.fromEntries(Object.entries(FUNCTION_ENTRIES).map(([name, entry]) => [name, join(REPOSITORY_ROOT, entry)]));
  // `.mjs`, as NodejsFunction names an ESM bundle.
  const { metafile } = await build({ ...options, entryPoints, outdir: directory, outExtension: { '.js': '.mjs' }, metafile: true, logLevel: 'silent' });
  for (const [file, output] of Object.entries(metafile.outputs)) {
    const name = /([^/]+)\.mjs$/.exec(file)?.[1];
    if (name !== undefined) outputs.set(name, output);
  }
  await build({ ...options, stdin: { contents: ZOD_PROBE, loader: 'ts', resolveDir: REPOSITORY_ROOT }, outfile: join(directory, 'zod-probe.mjs'), logLevel: 'silent' });

  // A fresh Node process: importing a bundle runs its INIT (config, pools, clients).
  const names = Object.keys(FUNCTION_ENTRIES);
  writeFileSync(
    join(directory, 'load.mjs'),
    `const loaded = {};
for (const name of ${JSON.stringify(names)}) {
  try { loaded[name] = typeof (await import('./' + name + '.mjs')).handler; }
  catch (error) { loaded[name] = String(error?.stack ?? error); }
}
loaded.zodProbe = (await import('./zod-probe.mjs')).probe;
process.stdout.write('\\nLOADED ' + JSON.stringify(loaded) + '\\n');
process.exit(0);`,
  );
  const stdout = execFileSync(process.execPath, ['load.mjs'], { cwd: directory, env: { PATH: process.env.PATH ?? '', ...FUNCTION_ENVIRONMENT }, encoding: 'utf8', timeout: 30_000 });
  const line = stdout.split('\n').find((l) => l.startsWith('LOADED '));
  if (line === undefined) throw new Error(`the bundles printed no result:\n${stdout}`);
  loaded = JSON.parse(line.slice('LOADED '.length)) as Record<string, unknown>;
}, 60_000);

afterAll(() => {
  // Removes the node_modules link, not what it points to.
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** The packages an output imports from outside the bundle, without Node built-ins. */
function sdkImports(output: Output): string[] {
  return [...new Set(output.imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path))].sort();
}

/** What the RDS IAM token's SigV4 signer bundles (about 14 KiB); anything else from @smithy is a client. */
const SIGV4_PACKAGES = new Set(['@smithy/signature-v4', '@smithy/core']);

describe('function bundles', () => {
  it('are configured for cdk synth and for esbuild from the same lists', () => {
    const options = esbuildOptions(FUNCTION_ENTRIES.auth);
    expect(SERVICE_BUNDLING.externalModules).toEqual(EXTERNAL_MODULES);
    expect(options.external).toEqual(EXTERNAL_MODULES);
    expect(options.alias).toEqual(ALIASES);
    // CDK renders each as `--alias:<name>=<path>`.
    expect(SERVICE_BUNDLING.esbuildArgs).toEqual({ '--alias': Object.entries(ALIASES).map(([name, path]) => `${name}=${path}`) });
  });

  it('are what NodejsFunction builds with SERVICE_BUNDLING, byte for byte (esbuild CLI, --alias, --external)', async () => {
    const outdir = join(directory, 'cdk.out');
    const app = new App({ outdir });
    new NodejsFunction(new Stack(app, 'Bundling'), 'Auth', {
      entry: join(REPOSITORY_ROOT, FUNCTION_ENTRIES.auth),
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: join(REPOSITORY_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      bundling: SERVICE_BUNDLING,
    });
    app.synth();
    const asset = readdirSync(outdir).find((name) => name.startsWith('asset.'));
    expect(asset).toBeDefined();
    const viaApi = await build({ ...esbuildOptions(FUNCTION_ENTRIES.auth), write: false, outdir: directory, logLevel: 'silent' });
    expect(readFileSync(join(outdir, asset!, 'index.mjs')).equals(Buffer.from(viaApi.outputFiles[0]!.contents))).toBe(true);
  }, 30_000);

  it('are one per function, each under the budget', () => {
    expect([...outputs.keys()].sort()).toEqual(Object.keys(FUNCTION_ENTRIES).sort());
    for (const [name, output] of outputs) expect(output.bytes, name).toBeLessThan(BUNDLE_BUDGET_BYTES);
  });

  it('carry no AWS SDK code (only the SigV4 signer for the RDS token) and no zod translation but English', () => {
    for (const [name, output] of outputs) {
      const inputs = Object.keys(output.inputs);
      expect(inputs.filter((file) => /node_modules\/@aws-sdk\//.test(file)), name).toEqual([]);
      // The SigV4 signer and what it needs from @smithy, nothing of a client.
      const smithy = new Set(inputs.map((file) => /node_modules\/(@smithy\/[^/]+)\//.exec(file)?.[1]).filter((pkg) => pkg !== undefined));
      expect([...smithy].filter((pkg) => !SIGV4_PACKAGES.has(pkg)), name).toEqual([]);
      expect(inputs.filter((file) => file.includes('zod/v4/locales/') && !file.endsWith('/en.js')), name).toEqual([]);
    }
  });

  it('import from the runtime only the listed SDK packages, and only those each function calls', () => {
    for (const [name, output] of outputs) {
      for (const used of sdkImports(output)) expect(RUNTIME_SDK_PACKAGES, `${name} imports ${used}`).toContain(used);
    }
    // Functions that never call Bedrock, DynamoDB or KMS do not load those clients at cold start.
    expect(sdkImports(outputs.get('auth')!)).toEqual(['@aws-sdk/client-kms']);
    expect(sdkImports(outputs.get('documents')!)).toEqual(['@aws-sdk/client-s3', '@aws-sdk/client-sqs']);
    expect(sdkImports(outputs.get('stale-job-sweeper')!)).toEqual(['@aws-sdk/client-sqs']);
  });

  it('load under Node 24 with the SDK from outside the bundle, and export their handler', () => {
    for (const name of Object.keys(FUNCTION_ENTRIES)) expect(loaded[name], name).toBe('function');
  });

  it('keep zod English: its messages, and no other locale in z.locales or z.core.locales', () => {
    expect(loaded.zodProbe).toEqual({
      typeError: 'Invalid input: expected number, received string',
      tooShort: 'Too small: expected string to have >=3 characters',
      locales: ['en'],
      coreLocales: ['en'],
      openapi: 'function',
    });
  });
});
