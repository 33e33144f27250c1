/**
 * The parts of CDK's `validation-report.json` the compliance report reads (aws-cdk-lib 2.276:
 * `pluginReports[]` with `violations[]` and, for acknowledged findings, `suppressedViolations[]`
 * carrying the reason and the construct the acknowledgement sits on).
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ViolatingConstruct {
  readonly constructPath?: string;
}

export interface ReportedViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly violatingConstructs: readonly ViolatingConstruct[];
}

export interface SuppressedViolation extends ReportedViolation {
  readonly acknowledgedId: string;
  readonly reason: string;
  readonly acknowledgedAt: string;
}

export interface PluginReport {
  readonly pluginName: string;
  /** 'success' or 'failure'. */
  readonly conclusion: string;
  readonly violations: readonly ReportedViolation[];
  readonly suppressedViolations?: readonly SuppressedViolation[];
}

export interface ValidationReport {
  readonly pluginReports: readonly PluginReport[];
}

const VALIDATION_REPORT_FILE = 'validation-report.json';

export function readValidationReport(outdir: string): ValidationReport {
  return JSON.parse(readFileSync(join(outdir, VALIDATION_REPORT_FILE), 'utf8')) as ValidationReport;
}

/** The rule id a finding belongs to: the finding id without its granular `[…]` part. */
export const ruleIdOf = (findingId: string): string => findingId.replace(/\[.*\]$/s, '');
