/**
 * The CDK app (platform/bin/app.ts) with esbuild bundling off, for `cdk synth --app` in
 * `npm run local`: the local runtime runs every function from its source, so bundles would only
 * cost time. The CLI refuses `-c aws:cdk:bundling-stacks=[]` (user context may not use `aws:`
 * keys) and sets that key itself from the stack selection; this entry rewrites it to `[]` in the
 * context the CLI hands over (environment variable, or the overflow file for a big context)
 * before the app reads it.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';

const BUNDLING_STACKS = 'aws:cdk:bundling-stacks';

const inline = process.env.CDK_CONTEXT_JSON;
if (inline !== undefined) {
  process.env.CDK_CONTEXT_JSON = JSON.stringify({ ...(JSON.parse(inline) as Record<string, unknown>), [BUNDLING_STACKS]: [] });
}
const overflowFile = process.env.CONTEXT_OVERFLOW_LOCATION_ENV;
if (overflowFile !== undefined) {
  const context = JSON.parse(readFileSync(overflowFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(overflowFile, JSON.stringify({ ...context, [BUNDLING_STACKS]: [] }));
}

await import('../../../platform/bin/app.ts');
