import { describe, expect, it } from 'vitest';
import type { Acknowledgement } from '../acknowledgement.ts';
import type { PackCheckRecord } from '../check-log.ts';
import { buildComplianceReport, type ReportInputs } from './compliance-report.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import type { ValidationReport } from './validation-report.ts';

const validation: ValidationReport = {
  pluginReports: [
    {
      pluginName: 'AwsSolutions',
      conclusion: 'failure',
      violations: [{ ruleName: 'AwsSolutions-SQS4', description: 'no TLS', severity: 'error', violatingConstructs: [{ constructPath: 'Development/Serenya/Queue/Resource' }] }],
      suppressedViolations: [
        {
          ruleName: 'AwsSolutions-IAM5[Resource::*]',
          description: 'wildcard',
          severity: 'error',
          violatingConstructs: [{ constructPath: 'Development/Serenya/Fn/Role/DefaultPolicy/Resource' }],
          acknowledgedId: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
          reason: 'X-Ray takes no resource ARN | [ref: doc]',
          acknowledgedAt: 'Development/Serenya/Fn/Role',
        },
      ],
    },
  ],
};

const records: PackCheckRecord[] = [
  {
    pack: 'AwsSolutions',
    rules: {
      'AwsSolutions-SQS4': { checked: { 'Development/Serenya/Queue/Resource': 'non-compliant', 'Development/Serenya/Dlq/Resource': 'compliant' }, notApplicable: 9 },
      'AwsSolutions-IAM5': { checked: { 'Development/Serenya/Fn/Role/DefaultPolicy/Resource': 'non-compliant' }, notApplicable: 10 },
      'AwsSolutions-EC23': { checked: {}, notApplicable: 11 },
    },
  },
];

const unused: Acknowledgement = { pack: 'AwsSolutions', finding: 'AwsSolutions-S1', at: 'Serenya/Bucket', reason: 'x'.repeat(40), reference: 'ref' };

const inputs = (overrides: Partial<ReportInputs> = {}): ReportInputs => ({
  validation,
  checkRecords: records,
  declaredAcknowledgements: [unused],
  checkov: { notRun: 'fixture' },
  matrix: [],
  durationMs: 1234,
  now: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

describe('buildComplianceReport', { timeout: 30_000 }, () => {
  it('counts per rule the resources checked, the open findings and the acknowledged ones', () => {
    const report = buildComplianceReport(inputs());
    const pack = report.packs[0];
    expect(pack?.rules.map((r) => [r.ruleId, r.checked, r.compliant, r.violations.length, r.acknowledged.length])).toEqual([
      ['AwsSolutions-IAM5', 1, 0, 0, 1],
      ['AwsSolutions-SQS4', 2, 1, 1, 0],
    ]);
    expect(pack?.rulesWithNothingToCheck).toBe(1);
    expect([report.openFindings, report.acknowledgedFindings]).toEqual([1, 1]);
    expect(pack?.rules[0]?.acknowledged[0]).toMatchObject({ acknowledgedAt: 'Development/Serenya/Fn/Role', reason: 'X-Ray takes no resource ARN | [ref: doc]' });
  });

  it('fails on open findings and on a checkov run that did not happen, and lists unused acknowledgements', () => {
    const report = buildComplianceReport(inputs());
    expect(report.passed).toBe(false);
    expect(report.failures).toEqual(['AwsSolutions: 1 unacknowledged finding(s)', 'checkov did not run: fixture']);
    expect(report.unusedAcknowledgements).toEqual([unused]);
  });

  it('fails when no pack recorded anything (gate not applied)', () => {
    expect(buildComplianceReport(inputs({ checkRecords: [], validation: { pluginReports: [] } })).failures).toContain(
      'no pack recorded any check: was the compliance gate applied to the app?',
    );
  });

  it('fails on an unexplained checkov failure and passes a clean run', () => {
    const clean: ValidationReport = { pluginReports: [] };
    const run = { version: '3.3.30', passed: 3, skipped: [], resourceCount: 2, evaluatedCheckIds: new Set(['CKV_AWS_18']) };
    const failed = { checkId: 'CKV_AWS_18', checkName: 'logging', resource: 'AWS::S3::Bucket.B', template: 't.json' };
    const withFailure = buildComplianceReport(inputs({ validation: clean, declaredAcknowledgements: [], checkov: { ...run, failed: [failed] } }));
    expect(withFailure.failures).toEqual(['checkov: 1 failed check(s) neither fixed nor explained']);
    expect(buildComplianceReport(inputs({ validation: clean, declaredAcknowledgements: [], checkov: { ...run, failed: [] } })).passed).toBe(true);
  });
});

describe('renderMarkdown and renderHtml', { timeout: 30_000 }, () => {
  it('show the verdict, the rule table, each acknowledgement with its construct and reason, escaped for tables', () => {
    const markdown = renderMarkdown(buildComplianceReport(inputs()));
    expect(markdown).toContain('**Verdict: FAILED**');
    expect(markdown).toContain('| `AwsSolutions-SQS4` | 2 | 1 | **1** | 0 |');
    expect(markdown).toContain('| `AwsSolutions-IAM5[Resource::*]` | `Development/Serenya/Fn/Role` | `Development/Serenya/Fn/Role/DefaultPolicy/Resource` | X-Ray takes no resource ARN \\| [ref: doc] |');
    expect(markdown).toContain('`AwsSolutions::AwsSolutions-S1` at `Serenya/Bucket`');
    const html = renderHtml(markdown);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<table>');
  });

  it('keeps <placeholders> in reasons as text, not HTML tags', () => {
    const withPlaceholder: ValidationReport = {
      pluginReports: [{ ...validation.pluginReports[0]!, suppressedViolations: [{ ...validation.pluginReports[0]!.suppressedViolations![0]!, reason: 'grant adds <table>/index/*' }] }],
    };
    const html = renderHtml(renderMarkdown(buildComplianceReport(inputs({ validation: withPlaceholder }))));
    expect(html).toContain('grant adds &lt;table&gt;/index/*');
  });
});
