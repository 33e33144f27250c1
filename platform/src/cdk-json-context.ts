/**
 * cdk.json's context, as `cdk synth` passes it to the app: for tools that need a stage's
 * configuration without synthesizing (the DR runbook, tests).
 *
 * @example
 * ```ts
 * const config = readStageConfig(new App({ context: cdkJsonContext() }), 'production');
 * ```
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './constructs/functions/bundling.ts';

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}
