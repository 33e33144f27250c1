import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkovSection, parseCheckovOutput, toFindings, type CheckovCheck } from './checkov-results.ts';

describe('checkov results', { timeout: 30_000 }, () => {
  it('parse a single-framework run and refuse a run that found no template', () => {
    const run = { results: { passed_checks: [], failed_checks: [], skipped_checks: [], parsing_errors: [] }, summary: { passed: 0, failed: 0 } };
    expect(parseCheckovOutput(JSON.stringify(run)).results.failed_checks).toEqual([]);
    expect(parseCheckovOutput(JSON.stringify([run])).results.failed_checks).toEqual([]);
    expect(() => parseCheckovOutput(JSON.stringify({ passed: 0, failed: 0 }))).toThrow(/no results/);
  });

  it('map a skipped check to its construct path and keep its comment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-'));
    const template = join(dir, 'Stack.template.json');
    writeFileSync(template, JSON.stringify({ Resources: { Bucket1: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'Development/Serenya/Logs/Resource' } } } }));
    const check: CheckovCheck = {
      check_id: 'CKV_AWS_18',
      check_name: 'Ensure the S3 bucket has access logging enabled',
      resource: 'AWS::S3::Bucket.Bucket1',
      file_abs_path: template,
      file_path: '/Stack.template.json',
      check_result: { result: 'SKIPPED', suppress_comment: 'is the log destination' },
    };
    expect(toFindings([check])).toEqual([
      {
        checkId: 'CKV_AWS_18',
        checkName: 'Ensure the S3 bucket has access logging enabled',
        resource: 'AWS::S3::Bucket.Bucket1',
        template: 'Stack.template.json',
        constructPath: 'Development/Serenya/Logs/Resource',
        comment: 'is the log destination',
      },
    ]);
  });

  it('make the report section of a run: counts, failed and explained checks, every evaluated id', () => {
    const check = (id: string, result: 'PASSED' | 'FAILED' | 'SKIPPED'): CheckovCheck => ({
      check_id: id,
      check_name: id,
      resource: 'AWS::S3::Bucket.Bucket1',
      file_path: '/Stack.template.json',
      check_result: { result },
    });
    const section = checkovSection({
      results: { passed_checks: [check('CKV_AWS_1', 'PASSED')], failed_checks: [check('CKV_AWS_2', 'FAILED')], skipped_checks: [check('CKV_AWS_3', 'SKIPPED')], parsing_errors: [] },
      summary: { passed: 1, failed: 1, skipped: 1, parsing_errors: 0, resource_count: 1, checkov_version: '3.3.30' },
    });
    expect(section).toMatchObject({ version: '3.3.30', passed: 1, resourceCount: 1 });
    expect([section.failed.map((f) => f.checkId), section.skipped.map((f) => f.checkId)]).toEqual([['CKV_AWS_2'], ['CKV_AWS_3']]);
    expect([...section.evaluatedCheckIds]).toEqual(['CKV_AWS_1', 'CKV_AWS_2', 'CKV_AWS_3']);
  });
});
