/**
 * How every function is bundled, in one place, so `npm run bundle:size` measures exactly what
 * `cdk synth` ships: esbuild, minified, ESM, Node 24, arm64 irrelevant to JS; no source maps
 * (they slow cold starts); each function under 1 MiB (issue 6).
 *
 * The AWS SDK v3 (`@aws-sdk/*`) is not bundled: the nodejs24.x runtime ships it, so functions
 * import the runtime's copy. The trade-off, measured and chosen:
 * - For: 310-600 KiB less per function (measured; all of it SDK and @smithy code), so a
 *   smaller package and a faster cold start; AWS patches the runtime's SDK without a redeploy.
 * - Against: the version is AWS's, not package-lock.json's, and moves when the runtime is
 *   updated; tests run against package-lock's. So function code keeps to packages and APIs the
 *   runtime's SDK has long had (`RUNTIME_SDK_PACKAGES`): Bedrock Converse/ConverseStream, KMS,
 *   S3, SQS and DynamoDB with lib-dynamodb. A package or command newer than
 *   that must be checked against the runtime's SDK version first, or bundled.
 * - Unused clients are not even loaded: esbuild keeps an import of an external package unless
 *   it can drop the importing module, so the client modules declare themselves free of side
 *   effects (services/shared/src/aws/package.json) and a function imports only what it calls.
 * `@smithy/*` needs no entry: only the SDK imports it, and the SDK is not bundled.
 *
 * @example
 * ```ts
 * new NodejsFunction(this, 'Fn', { entry, bundling: SERVICE_BUNDLING });
 * await esbuild.build({ ...esbuildOptions(entry), write: false });
 * ```
 * @module
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The repository root (package.json, package-lock.json, services/). */
export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The esbuild target: the Lambda runtime's Node major. */
const ESBUILD_TARGET = 'node24';

/**
 * Some bundled CommonJS packages `require()` Node built-ins; in an ESM bundle esbuild turns that
 * into a call that throws unless a real `require` exists, so the bundle defines one.
 */
const REQUIRE_SHIM = "import { createRequire as __serenyaCreateRequire } from 'node:module'; const require = __serenyaCreateRequire(import.meta.url);";

/**
 * Left out of the bundle, resolved at run time: the AWS SDK v3 from the Lambda runtime (see
 * above); pg's optional native binding, never used (pure-JS pg) and never installed.
 */
export const EXTERNAL_MODULES = ['@aws-sdk/*', 'pg-native'];

/**
 * The SDK packages functions may import from the runtime: clients and lib-dynamodb, part of the
 * nodejs runtimes' SDK since nodejs18.x. The RDS IAM token is signed with `@smithy/signature-v4`,
 * bundled (services/shared/src/db/rds-iam-auth-token.ts), not with `@aws-sdk/rds-signer`, whose
 * presence in the runtime is not documented. bundling.test.ts fails on any package not listed,
 * so adding one is a decision, not an accident.
 */
export const RUNTIME_SDK_PACKAGES: readonly string[] = [
  '@aws-sdk/client-bedrock-runtime',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/client-kms',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-sqs',
  '@aws-sdk/lib-dynamodb',
];

/** Each function's minified bundle stays under this (issue 6; docs/STYLE.md: cold start grows with what is loaded). */
export const BUNDLE_BUDGET_BYTES = 1024 * 1024;

/**
 * Packages replaced at bundle time, as esbuild's `alias` (a path relative to the working
 * directory, the repository root for both `cdk synth` and `npm run bundle:size`). `zod`: the
 * same zod without its ~60 translations, which @hono/zod-openapi's `extendZodWithOpenApi(z)`
 * otherwise drags into every function (~260 KiB); English error messages are unchanged (see
 * zod-english/index.ts). NodejsFunction takes no esbuild plugins, but passes `--alias` through.
 */
export const ALIASES: Readonly<Record<string, string>> = {
  zod: './platform/src/constructs/functions/zod-english/index.ts',
};

/** The NodejsFunction bundling options of every service function. */
export const SERVICE_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: ESBUILD_TARGET,
  minify: true,
  sourceMap: false,
  mainFields: ['module', 'main'],
  externalModules: EXTERNAL_MODULES,
  banner: REQUIRE_SHIM,
  // Rendered by CDK as `--alias:zod=./platform/…`.
  esbuildArgs: { '--alias': Object.entries(ALIASES).map(([name, path]) => `${name}=${path}`) },
};

/** The same options for esbuild's own API (`npm run bundle:size`, bundling.test.ts). */
export function esbuildOptions(entry: string): {
  entryPoints: string[];
  bundle: true;
  platform: 'node';
  format: 'esm';
  target: string;
  minify: true;
  sourcemap: false;
  mainFields: string[];
  external: string[];
  alias: Record<string, string>;
  banner: { js: string };
  absWorkingDir: string;
} {
  return {
    entryPoints: [join(REPOSITORY_ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ESBUILD_TARGET,
    minify: true,
    sourcemap: false,
    mainFields: ['module', 'main'],
    external: EXTERNAL_MODULES,
    alias: { ...ALIASES },
    banner: { js: REQUIRE_SHIM },
    absWorkingDir: REPOSITORY_ROOT,
  };
}
