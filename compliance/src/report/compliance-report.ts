/**
 * The compliance report's content, built from what a run produced: CDK's validation report
 * (violations and acknowledged findings), the packs' check records (what each rule looked at),
 * the declared acknowledgements (to spot unused ones), checkov's results and the verified HIPAA
 * matrix. Rendering is separate (Markdown, then HTML).
 * @module
 */
import { coreLevelId, type Acknowledgement } from '../acknowledgement.ts';
import type { PackCheckRecord } from '../check-log.ts';
import type { VerifiedRow } from '../hipaa-matrix-links.ts';
import type { CheckovSection } from './checkov-results.ts';
import { ruleIdOf, type ValidationReport } from './validation-report.ts';

export interface FindingOnConstructs {
  readonly findingId: string;
  readonly severity: string;
  readonly constructPaths: readonly string[];
}

export interface AcknowledgedFinding extends FindingOnConstructs {
  readonly reason: string;
  readonly acknowledgedAt: string;
}

export interface RuleSummary {
  readonly ruleId: string;
  /** Resources the rule applied to (from the pack's check record). */
  readonly checked: number;
  readonly compliant: number;
  /** What the rule says is wrong (from its first finding). */
  description?: string;
  readonly violations: FindingOnConstructs[];
  readonly acknowledged: AcknowledgedFinding[];
}

export interface PackSummary {
  readonly pack: string;
  readonly rules: RuleSummary[];
  /** Rules that found no resource of their type. */
  readonly rulesWithNothingToCheck: number;
  readonly findings: number;
  readonly acknowledgedFindings: number;
}

export interface ComplianceReport {
  readonly generatedAt: string;
  readonly durationMs: number;
  readonly packs: PackSummary[];
  /** Other validation plugins (CDK's own CloudFormation validation): shown, and failing only if they fail. */
  readonly otherPlugins: { name: string; conclusion: string; violations: FindingOnConstructs[] }[];
  /** How many entries acknowledgements.ts declares (each may cover several findings and stages). */
  readonly declaredAcknowledgements: number;
  readonly unusedAcknowledgements: Acknowledgement[];
  readonly checkov: CheckovSection | { readonly notRun: string };
  readonly matrix: VerifiedRow[];
  /** (finding, construct) pairs not acknowledged, across the packs. */
  readonly openFindings: number;
  readonly acknowledgedFindings: number;
  readonly passed: boolean;
  /** Why the gate failed, one line each. */
  readonly failures: string[];
}

export interface ReportInputs {
  readonly validation: ValidationReport;
  readonly checkRecords: readonly PackCheckRecord[];
  readonly declaredAcknowledgements: readonly Acknowledgement[];
  readonly checkov: CheckovSection | { readonly notRun: string };
  readonly matrix: VerifiedRow[];
  readonly durationMs: number;
  readonly now?: Date;
}

const paths = (v: { violatingConstructs: readonly { constructPath?: string }[] }): string[] =>
  v.violatingConstructs.map((c) => c.constructPath ?? '(unknown construct)');

function summarisePack(record: PackCheckRecord, validation: ValidationReport): PackSummary {
  const plugin = validation.pluginReports.find((p) => p.pluginName === record.pack);
  const byRule = new Map<string, RuleSummary>();
  const ruleFor = (ruleId: string): RuleSummary => {
    let summary = byRule.get(ruleId);
    if (!summary) {
      const checks = record.rules[ruleId]?.checked ?? {};
      summary = {
        ruleId,
        checked: Object.keys(checks).length,
        compliant: Object.values(checks).filter((o) => o === 'compliant').length,
        violations: [],
        acknowledged: [],
      };
      byRule.set(ruleId, summary);
    }
    return summary;
  };
  for (const ruleId of Object.keys(record.rules).sort()) {
    if (Object.keys(record.rules[ruleId]?.checked ?? {}).length > 0) ruleFor(ruleId);
  }
  for (const v of plugin?.violations ?? []) {
    const rule = ruleFor(ruleIdOf(v.ruleName));
    rule.description ??= v.description;
    rule.violations.push({ findingId: v.ruleName, severity: v.severity, constructPaths: paths(v) });
  }
  for (const s of plugin?.suppressedViolations ?? []) {
    const rule = ruleFor(ruleIdOf(s.ruleName));
    rule.description ??= s.description;
    rule.acknowledged.push({
      findingId: s.ruleName,
      severity: s.severity,
      constructPaths: paths(s),
      reason: s.reason,
      acknowledgedAt: s.acknowledgedAt,
    });
  }
  const rules = [...byRule.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId));
  return {
    pack: record.pack,
    rules,
    rulesWithNothingToCheck: Object.keys(record.rules).length - rules.filter((r) => r.checked > 0).length,
    findings: rules.reduce((n, r) => n + r.violations.reduce((m, v) => m + v.constructPaths.length, 0), 0),
    acknowledgedFindings: rules.reduce((n, r) => n + r.acknowledged.reduce((m, v) => m + v.constructPaths.length, 0), 0),
  };
}

export function buildComplianceReport(inputs: ReportInputs): ComplianceReport {
  const packNames = new Set(inputs.checkRecords.map((r) => r.pack));
  const packs = inputs.checkRecords.map((record) => summarisePack(record, inputs.validation));
  const otherPlugins = inputs.validation.pluginReports
    .filter((p) => !packNames.has(p.pluginName))
    .map((p) => ({
      name: p.pluginName,
      conclusion: p.conclusion,
      violations: p.violations.map((v) => ({ findingId: v.ruleName, severity: v.severity, constructPaths: paths(v) })),
    }));
  const usedAckIds = new Set(inputs.validation.pluginReports.flatMap((p) => (p.suppressedViolations ?? []).map((s) => s.acknowledgedId)));
  const unusedAcknowledgements = inputs.declaredAcknowledgements.filter((a) => !usedAckIds.has(coreLevelId(a)));

  const { checkov } = inputs;

  const openFindings = packs.reduce((n, p) => n + p.findings, 0);
  const failures: string[] = [];
  if (inputs.checkRecords.length === 0) failures.push('no pack recorded any check: was the compliance gate applied to the app?');
  for (const p of packs) if (p.findings > 0) failures.push(`${p.pack}: ${p.findings} unacknowledged finding(s)`);
  for (const p of otherPlugins) if (p.conclusion === 'failure') failures.push(`${p.name}: validation failed`);
  for (const p of inputs.validation.pluginReports) {
    if (!packNames.has(p.pluginName) || p.conclusion !== 'failure') continue;
    if ((packs.find((s) => s.pack === p.pluginName)?.findings ?? 0) === 0) failures.push(`${p.pluginName}: the pack failed to run`);
  }
  if ('notRun' in checkov) failures.push(`checkov did not run: ${checkov.notRun}`);
  else if (checkov.failed.length > 0) failures.push(`checkov: ${checkov.failed.length} failed check(s) neither fixed nor explained`);

  return {
    generatedAt: (inputs.now ?? new Date()).toISOString(),
    durationMs: inputs.durationMs,
    packs,
    otherPlugins,
    declaredAcknowledgements: inputs.declaredAcknowledgements.length,
    unusedAcknowledgements,
    checkov,
    matrix: inputs.matrix,
    openFindings,
    acknowledgedFindings: packs.reduce((n, p) => n + p.acknowledgedFindings, 0),
    passed: failures.length === 0,
    failures,
  };
}
