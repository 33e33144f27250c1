import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTemplateCheckovSkips } from './template-checkov-skips.ts';

const comment = 'fixture: a deploy-time helper that never sees a request or PHI';

describe('applyTemplateCheckovSkips', { timeout: 30_000 }, () => {
  it('merges the entry into matching resources of every stage template, keeping other metadata', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    mkdirSync(join(dir, 'assembly-Development'));
    const file = join(dir, 'assembly-Development', 'DevelopmentSerenya.template.json');
    writeFileSync(
      file,
      JSON.stringify({
        Resources: {
          Helper: {
            Type: 'AWS::Lambda::Function',
            Metadata: { 'aws:cdk:path': 'Development/Serenya/Custom::HelperProvider/Handler', cdk_nag: { x: 1 }, checkov: { skip: [{ id: 'CKV_AWS_1', comment: 'kept' }] } },
          },
          Other: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:cdk:path': 'Development/Serenya/Functions/Auth/Function/Resource' } },
          Role: { Type: 'AWS::IAM::Role', Metadata: { 'aws:cdk:path': 'Development/Serenya/Custom::HelperProvider/Role' } },
        },
      }),
    );
    const added = applyTemplateCheckovSkips(dir, [{ check: 'CKV_AWS_116', cdkPath: /\/Custom::HelperProvider\//, resourceType: 'AWS::Lambda::Function', comment }]);
    const resources = (JSON.parse(readFileSync(file, 'utf8')) as { Resources: Record<string, { Metadata: Record<string, unknown> }> }).Resources;
    expect(added).toBe(1);
    expect(resources.Helper?.Metadata).toEqual({
      'aws:cdk:path': 'Development/Serenya/Custom::HelperProvider/Handler',
      cdk_nag: { x: 1 },
      checkov: { skip: [{ id: 'CKV_AWS_1', comment: 'kept' }, { id: 'CKV_AWS_116', comment }] },
    });
    expect(resources.Other?.Metadata.checkov).toBeUndefined();
    expect(resources.Role?.Metadata.checkov).toBeUndefined();
  });
});
