/**
 * `npm run bundle:size`: bundles every function's handler with exactly the esbuild options
 * `cdk synth` uses (platform/src/constructs/functions/bundling.ts), prints each minified size, the
 * largest packages in it and the AWS SDK packages it takes from the Lambda runtime, and fails
 * when any bundle is over the 1 MiB budget. Offline, no AWS. That each bundle loads and exports
 * its handler is bundling.test.ts's job.
 * @module
 */
import { build } from 'esbuild';
import { BUNDLE_BUDGET_BYTES, esbuildOptions } from '../src/constructs/functions/bundling.ts';
import { FUNCTION_ENTRIES } from '../src/constructs/functions/function-entries.ts';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

async function measure(entry: string): Promise<{ bytes: number; packages: Array<[string, number]>; runtimeSdk: string[] }> {
  const result = await build({ ...esbuildOptions(entry), write: false, metafile: true, outdir: 'bundle-size', logLevel: 'silent' });
  const output = Object.values(result.metafile.outputs)[0];
  if (output === undefined) throw new Error(`esbuild wrote nothing for ${entry}`);
  const byPackage = new Map<string, number>();
  for (const [file, input] of Object.entries(output.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
  // Not in the bytes above, but loaded at cold start all the same.
  const runtimeSdk = [...new Set(output.imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path.slice('@aws-sdk/'.length)))].sort();
  return { bytes: output.bytes, packages: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 5), runtimeSdk };
}

let over = 0;
for (const [name, entry] of Object.entries(FUNCTION_ENTRIES)) {
  const { bytes, packages, runtimeSdk } = await measure(entry);
  const verdict = bytes > BUNDLE_BUDGET_BYTES ? 'OVER BUDGET' : 'ok';
  if (bytes > BUNDLE_BUDGET_BYTES) over += 1;
  // eslint-disable-next-line no-console -- a command-line report
  console.log(`${name.padEnd(18)} ${kib(bytes).padStart(9)}  ${verdict.padEnd(11)}  largest: ${packages.map(([pkg, size]) => `${pkg} ${kib(size)}`).join(', ')}`);
  // eslint-disable-next-line no-console -- a command-line report
  console.log(`${''.padEnd(43)}runtime SDK: ${runtimeSdk.join(', ') || 'none'}`);
}
if (over > 0) {
  console.error(`${over} function bundle(s) over the ${kib(BUNDLE_BUDGET_BYTES)} budget`);
  process.exitCode = 1;
}
