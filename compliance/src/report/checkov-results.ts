/**
 * checkov's JSON output (3.3.x, one framework): the checks it passed, failed and skipped, each
 * on a `<Type>.<LogicalId>` resource of a template. Skipped checks carry the comment of the
 * resource's `Metadata.checkov.skip` entry. Template paths are mapped back to construct paths
 * through the templates' `aws:cdk:path` metadata.
 * @module
 */
import { readFileSync } from 'node:fs';

export interface CheckovCheck {
  readonly check_id: string;
  readonly check_name: string;
  readonly resource: string;
  readonly file_abs_path?: string;
  readonly file_path: string;
  readonly suppress_comment?: string;
  readonly check_result: { result: 'PASSED' | 'FAILED' | 'SKIPPED'; suppress_comment?: string };
}

export interface CheckovOutput {
  readonly results: { passed_checks: CheckovCheck[]; failed_checks: CheckovCheck[]; skipped_checks: CheckovCheck[]; parsing_errors: string[] };
  readonly summary: { passed: number; failed: number; skipped: number; parsing_errors: number; resource_count: number; checkov_version: string };
}

/** An empty run (no templates found) prints a bare summary without results. */
export function parseCheckovOutput(json: string): CheckovOutput {
  const parsed = JSON.parse(json) as CheckovOutput | CheckovOutput[] | { passed: number; failed: number };
  const single = Array.isArray(parsed) ? parsed.find((r) => 'results' in r) : parsed;
  if (!single || !('results' in single)) throw new Error('checkov produced no results: did it find any template?');
  return single;
}

export interface CheckovFinding {
  readonly checkId: string;
  readonly checkName: string;
  /** `<Type>.<LogicalId>` as checkov names it. */
  readonly resource: string;
  readonly template: string;
  readonly constructPath?: string;
  readonly comment?: string;
}

type TemplateResources = Record<string, { Metadata?: Record<string, unknown> }>;

/** Reads each template once to map logical ids to construct paths. */
function constructPathResolver(): (templatePath: string | undefined, resource: string) => string | undefined {
  const cache = new Map<string, TemplateResources>();
  return (templatePath, resource) => {
    if (!templatePath) return undefined;
    let resources = cache.get(templatePath);
    if (!resources) {
      try {
        resources = (JSON.parse(readFileSync(templatePath, 'utf8')) as { Resources?: TemplateResources }).Resources ?? {};
      } catch {
        resources = {};
      }
      cache.set(templatePath, resources);
    }
    const logicalId = resource.slice(resource.lastIndexOf('.') + 1);
    const path = resources[logicalId]?.Metadata?.['aws:cdk:path'];
    return typeof path === 'string' ? path : undefined;
  };
}

export function toFindings(checks: readonly CheckovCheck[], resolve = constructPathResolver()): CheckovFinding[] {
  return checks.map((c) => ({
    checkId: c.check_id,
    checkName: c.check_name,
    resource: c.resource,
    template: c.file_path.replace(/^\//, ''),
    constructPath: resolve(c.file_abs_path, c.resource),
    comment: c.check_result.suppress_comment ?? c.suppress_comment,
  }));
}

/** What the report shows of a checkov run: the counts, and each failed and explained check on its construct. */
export interface CheckovSection {
  readonly version: string;
  readonly passed: number;
  readonly failed: CheckovFinding[];
  readonly skipped: CheckovFinding[];
  readonly resourceCount: number;
  /** Every check id the run evaluated (passed, failed or explained), for the HIPAA matrix links. */
  readonly evaluatedCheckIds: ReadonlySet<string>;
}

/** The report's view of one run; the templates are read once for both lists. */
export function checkovSection(output: CheckovOutput, resolve = constructPathResolver()): CheckovSection {
  const { passed_checks, failed_checks, skipped_checks } = output.results;
  return {
    version: output.summary.checkov_version,
    passed: output.summary.passed,
    failed: toFindings(failed_checks, resolve),
    skipped: toFindings(skipped_checks, resolve),
    resourceCount: output.summary.resource_count,
    evaluatedCheckIds: new Set([...passed_checks, ...failed_checks, ...skipped_checks].map((c) => c.check_id)),
  };
}
