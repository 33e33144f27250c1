import { describe, expect, it } from 'vitest';
import { generatePhysicalName } from './physical-names.ts';
import { placeholderResource, skipReason } from './skipped-resource-types.ts';

describe('generatePhysicalName', () => {
  it("follows CloudFormation's <stack>-<logicalId>-<SUFFIX>, the same on every call", () => {
    const name = generatePhysicalName({ stackName: 'serenya-development', logicalId: 'ProcessingQueue', maxLength: 80 });
    expect(name).toMatch(/^serenya-development-ProcessingQueue-[0-9A-Z]{12}$/);
    expect(generatePhysicalName({ stackName: 'serenya-development', logicalId: 'ProcessingQueue', maxLength: 80 })).toBe(name);
    expect(generatePhysicalName({ stackName: 'serenya-production', logicalId: 'ProcessingQueue', maxLength: 80 })).not.toBe(name);
  });

  it('stays within the limit, lower-cases for S3 and keeps an ending such as .fifo', () => {
    const bucket = generatePhysicalName({ stackName: 'serenya-development', logicalId: 'StorageTempDocumentsBucket66A8B7E1', maxLength: 63, lowerCase: true });
    expect(bucket.length).toBeLessThanOrEqual(63);
    expect(bucket).toMatch(/^[a-z0-9-]+$/);
    const fifo = generatePhysicalName({ stackName: 's'.repeat(70), logicalId: 'Q'.repeat(70), maxLength: 80, ending: '.fifo' });
    expect(fifo.length).toBe(80);
    expect(fifo.endsWith('.fifo')).toBe(true);
  });
});

describe('skipped resource types', () => {
  it('gives each skipped type a reason and provisioned types none', () => {
    expect(skipReason('AWS::EC2::SecurityGroupIngress')).toMatch(/networking/);
    expect(skipReason('Custom::VpcRestrictDefaultSG')).toMatch(/custom resources/);
    expect(skipReason('AWS::S3::Bucket')).toBeUndefined();
    expect(skipReason('AWS::CloudWatch::Alarm')).toBeUndefined();
  });

  it('gives placeholders a plausible physical id and Arn', () => {
    const stack = { stackName: 'serenya-development', region: 'eu-west-1', accountId: '123456789012' };
    expect(placeholderResource(stack, 'Fn', 'AWS::Lambda::Function', 'serenya-auth').attributes.Arn).toBe('arn:aws:lambda:eu-west-1:123456789012:function:serenya-auth');
    // Without a plain FunctionName, the runtime's rule: the logical id.
    expect(placeholderResource(stack, 'AuthFunction', 'AWS::Lambda::Function', undefined).ref).toBe('AuthFunction');
    expect(placeholderResource(stack, 'Vpc', 'AWS::EC2::VPC', undefined).ref).toMatch(/^vpc-0[0-9a-f]{16}$/);
    expect(placeholderResource(stack, 'Role', 'AWS::IAM::Role', undefined).attributes.Arn).toMatch(/^arn:aws:iam::123456789012:role\/serenya-development-Role-[0-9A-Z]{12}$/);
  });
});
