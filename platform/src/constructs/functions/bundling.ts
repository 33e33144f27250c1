/**
 * How every function is bundled, in one place, so `npm run bundle:size` measures exactly what
 * `cdk synth` ships: esbuild, minified, ESM, Node 24, arm64 irrelevant to JS; the AWS SDK v3
 * bundled (not taken from the runtime), so each function carries only the clients it imports
 * and a runtime update cannot change them under us; no source maps (they slow cold starts).
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
export const ESBUILD_TARGET = 'node24';

/**
 * Some bundled CommonJS packages `require()` Node built-ins; in an ESM bundle esbuild turns that
 * into a call that throws unless a real `require` exists, so the bundle defines one.
 */
export const REQUIRE_SHIM = "import { createRequire as __serenyaCreateRequire } from 'node:module'; const require = __serenyaCreateRequire(import.meta.url);";

/** pg's optional native binding: never used (pure-JS pg), never installed. */
export const EXTERNAL_MODULES = ['pg-native'];

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

/** The same options for esbuild's own API (bundle-size measurement). */
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
