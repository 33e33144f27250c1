/**
 * The post-synth half of the checkov explanations: for resources CDK creates during synthesis
 * itself (so no construct exists yet when applyAcknowledgements runs), the explanation is merged
 * into the written template, matched by the resource's `aws:cdk:path` metadata. Same merge rule
 * as at construct time: existing `checkov` entries and every other metadata key are kept.
 * @module
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkovSkipProblems, withCheckovSkip, type CheckovMetadata } from './checkov-skip.ts';

export interface TemplateCheckovSkip {
  readonly check: string;
  /** Matched against the resource's `aws:cdk:path` (which starts with the stage name). */
  readonly cdkPath: RegExp;
  readonly resourceType: string;
  readonly comment: string;
}

interface TemplateResource {
  Type?: string;
  Metadata?: { 'aws:cdk:path'?: string; checkov?: CheckovMetadata } & Record<string, unknown>;
}

function templatesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name.startsWith('assembly-') ? templatesIn(path) : [];
    return name.endsWith('.template.json') ? [path] : [];
  });
}

/** Applies the explanations to every template of the cloud assembly; returns how many entries it added. */
export function applyTemplateCheckovSkips(assemblyDir: string, skips: readonly TemplateCheckovSkip[]): number {
  const problems = skips.flatMap(checkovSkipProblems);
  if (problems.length > 0) throw new Error(`unacceptable checkov explanation: ${problems.join('; ')}`);
  let added = 0;
  for (const file of templatesIn(assemblyDir)) {
    const template = JSON.parse(readFileSync(file, 'utf8')) as { Resources?: Record<string, TemplateResource> };
    let changed = false;
    for (const resource of Object.values(template.Resources ?? {})) {
      const path = resource.Metadata?.['aws:cdk:path'];
      if (path === undefined) continue;
      for (const skip of skips) {
        if (resource.Type !== skip.resourceType || !skip.cdkPath.test(path)) continue;
        const metadata = (resource.Metadata ??= {});
        metadata.checkov = withCheckovSkip(metadata.checkov, skip.check, skip.comment);
        changed = true;
        added += 1;
      }
    }
    if (changed) writeFileSync(file, JSON.stringify(template, undefined, 1));
  }
  return added;
}
