// Synth and cold aws-cdk-lib imports take seconds on the shared 2-core machine: generous timeouts.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { applyComplianceGate } from './apply-compliance-gate.ts';
import { readCheckRecords, type PackCheckRecord } from './check-log.ts';

interface Report {
  pluginReports: { pluginName: string; violations: { ruleName: string }[]; suppressedViolations?: { ruleName: string; reason: string; acknowledgedAt: string }[] }[];
}

function synthInReportMode(build: (stack: Stack) => void): string {
  const outdir = mkdtempSync(join(tmpdir(), 'gate-'));
  const app = new App({ outdir, context: { 'serenya:gate': 'report' } });
  applyComplianceGate(app);
  build(new Stack(new Stage(app, 'Development'), 'Serenya', { env: { account: '111111111111', region: 'eu-west-1' } }));
  app.synth();
  return outdir;
}

describe('applyComplianceGate', { timeout: 30_000 }, () => {
  it('runs the three cdk-nag packs and the project pack, reporting findings without failing in report mode', () => {
    const outdir = synthInReportMode((stack) => {
      new Queue(stack, 'Queue');
      new LogGroup(stack, 'Logs'); // something the HIPAA pack flags: a report lists only packs with findings
    });
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
    const plugins = report.pluginReports.map((p) => p.pluginName);
    expect(plugins).toEqual(expect.arrayContaining(['HIPAA.Security', 'AwsSolutions', 'Serverless', 'Serenya']));
    const serenya = report.pluginReports.find((p) => p.pluginName === 'Serenya');
    expect(serenya?.violations.map((v) => v.ruleName).sort()).toEqual([
      'Serenya-LogGroupEncryptedWithRetention[Encryption]',
      'Serenya-SqsQueueCustomerManagedKey',
      'Serenya-SqsQueueTlsOnlyPolicy',
    ]);
  });

  it('records per pack which resources each rule checked, next to the validation report', () => {
    const outdir = synthInReportMode((stack) => new Queue(stack, 'Queue'));
    expect(readdirSync(join(outdir, 'compliance-checks')).sort()).toEqual(['AwsSolutions.json', 'HIPAA.Security.json', 'Serenya.json', 'Serverless.json']);
    const record = JSON.parse(readFileSync(join(outdir, 'compliance-checks', 'Serenya.json'), 'utf8')) as PackCheckRecord;
    expect(record.rules['Serenya-SqsQueueTlsOnlyPolicy']?.checked).toEqual({ 'Development/Serenya/Queue/Resource': 'non-compliant' });
    expect(record.rules['Serenya-KmsSymmetricKeyRotation']?.checked).toEqual({});
    expect(readCheckRecords(outdir).map((r) => r.pack)).toEqual(['HIPAA.Security', 'AwsSolutions', 'Serverless', 'Serenya']);
  });

  it('moves a core-level acknowledgement into suppressedViolations with its reason and construct', () => {
    const outdir = synthInReportMode((stack) => {
      const queue = new Queue(stack, 'Queue');
      Validations.of(queue).acknowledge({ id: 'Serenya::Serenya-SqsQueueTlsOnlyPolicy', reason: 'fixture reason' });
    });
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
    const serenya = report.pluginReports.find((p) => p.pluginName === 'Serenya');
    expect(serenya?.violations.map((v) => v.ruleName)).toEqual(['Serenya-SqsQueueCustomerManagedKey']);
    expect(serenya?.suppressedViolations).toEqual([
      expect.objectContaining({ ruleName: 'Serenya-SqsQueueTlsOnlyPolicy', reason: 'fixture reason', acknowledgedAt: 'Development/Serenya/Queue' }),
    ]);
  });

  it('refuses an unknown mode', () => {
    expect(() => applyComplianceGate(new App({ context: { 'serenya:gate': 'off' } }))).toThrow(/enforce or report/);
  });
});
