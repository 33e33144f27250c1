import { describe, expect, it } from 'vitest';
import { createIntrinsicResolver, referencedLogicalId, UnresolvableReferenceError } from './intrinsic-resolver.ts';
import type { CfnTemplate, ProvisionedResource } from './template-types.ts';

const template: CfnTemplate = {
  Parameters: { BootstrapVersion: { Type: 'String', Default: '/cdk-bootstrap/hnb659fds/version' } },
  Resources: {
    Queue: { Type: 'AWS::SQS::Queue' },
    Bucket: { Type: 'AWS::S3::Bucket' },
    Database: { Type: 'AWS::RDS::DBCluster' },
  },
};
const provisioned = new Map<string, ProvisionedResource>([
  ['Queue', { logicalId: 'Queue', type: 'AWS::SQS::Queue', ref: 'http://127.0.0.1:5000/123456789012/jobs', attributes: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:jobs', QueueName: 'jobs' } }],
  ['Bucket', { logicalId: 'Bucket', type: 'AWS::S3::Bucket', ref: 'uploads-1', attributes: { Arn: 'arn:aws:s3:::uploads-1' } }],
]);
const at = { logicalId: 'Fn', property: 'Environment.Variables.X' };

function resolver(overrides = {}) {
  return createIntrinsicResolver({ template, provisioned, pseudo: { region: 'eu-west-1', accountId: '123456789012', stackName: 'DevSerenya' }, overrides });
}

describe('createIntrinsicResolver', () => {
  it('resolves Ref, GetAtt (both spellings), parameters and pseudo parameters', () => {
    const { resolve } = resolver();
    expect(resolve({ Ref: 'Queue' }, at)).toBe('http://127.0.0.1:5000/123456789012/jobs');
    expect(resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] }, at)).toBe('arn:aws:sqs:eu-west-1:123456789012:jobs');
    expect(resolve({ 'Fn::GetAtt': 'Queue.QueueName' }, at)).toBe('jobs');
    expect(resolve({ Ref: 'BootstrapVersion' }, at)).toBe('/cdk-bootstrap/hnb659fds/version');
    expect(resolve(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::StackName'].map((Ref) => ({ Ref })), at)).toEqual([
      'eu-west-1',
      '123456789012',
      'aws',
      'amazonaws.com',
      'DevSerenya',
    ]);
  });

  it('resolves Join, Sub with and without variables, Select and Split, nested in plain objects', () => {
    const { resolve } = resolver();
    expect(
      resolve(
        {
          joined: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'Bucket' }, '/*']] },
          sub: { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:x/${Queue.QueueName}/${!Literal}' },
          subVars: { 'Fn::Sub': ['${Name}-${Bucket}', { Name: { 'Fn::GetAtt': ['Queue', 'QueueName'] } }] },
          selected: { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Queue', 'Arn'] }] }] },
          number: 30,
        },
        at,
      ),
    ).toEqual({
      joined: 'arn:aws:s3:::uploads-1/*',
      sub: 'arn:aws:logs:eu-west-1:123456789012:x/jobs/${Literal}',
      subVars: 'jobs-uploads-1',
      selected: 'jobs',
      number: 30,
    });
  });

  it('lets overrides win and fill gaps', () => {
    const { resolve } = resolver({ Database: { attributes: { 'Endpoint.Address': '127.0.0.1' } }, Bucket: { ref: 'other' } });
    expect(resolve({ 'Fn::GetAtt': ['Database', 'Endpoint.Address'] }, at)).toBe('127.0.0.1');
    expect(resolve({ 'Fn::GetAtt': 'Database.Endpoint.Address' }, at)).toBe('127.0.0.1');
    expect(resolve({ Ref: 'Bucket' }, at)).toBe('other');
  });

  it('names the resource and property of what cannot be resolved', () => {
    const { resolve } = resolver();
    expect(() => resolve({ Ref: 'Database' }, at)).toThrow(UnresolvableReferenceError);
    expect(() => resolve({ Ref: 'Database' }, at)).toThrow(/Fn\.Environment\.Variables\.X: Ref to Database \(AWS::RDS::DBCluster\), which was not provisioned/);
    expect(() => resolve({ Ref: 'Nope' }, at)).toThrow(/not in the template/);
    expect(() => resolve({ 'Fn::GetAtt': ['Queue', 'Url'] }, at)).toThrow(/provisioned without that attribute \(has Arn, QueueName\)/);
    expect(() => resolve({ 'Fn::ImportValue': 'x' }, at)).toThrow(/Fn::ImportValue is not supported/);
  });
});

describe('conditions, mappings and AWS::NoValue', () => {
  const withConditions: CfnTemplate = {
    ...template,
    Conditions: {
      IsEu: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
      NotEu: { 'Fn::Not': [{ Condition: 'IsEu' }] },
      Both: { 'Fn::And': [{ Condition: 'IsEu' }, { 'Fn::Or': [{ Condition: 'NotEu' }, true] }] },
    },
    Mappings: { Sizes: { 'eu-west-1': { Memory: 1024 } } },
  };
  const { resolve, condition } = createIntrinsicResolver({ template: withConditions, provisioned, pseudo: { region: 'eu-west-1', accountId: '123456789012' } });

  it('evaluates Fn::If over the named conditions, finds mappings, and drops AWS::NoValue', () => {
    expect([condition('IsEu', at), condition('NotEu', at), condition('Both', at)]).toEqual([true, false, true]);
    expect(
      resolve(
        {
          memory: { 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'Memory'] },
          name: { 'Fn::If': ['NotEu', 'us', { 'Fn::If': ['IsEu', 'eu', 'other'] }] },
          dropped: { 'Fn::If': ['NotEu', 'x', { Ref: 'AWS::NoValue' }] },
          list: ['a', { 'Fn::If': ['NotEu', 'b', { Ref: 'AWS::NoValue' }] }],
        },
        at,
      ),
    ).toEqual({ memory: 1024, name: 'eu', list: ['a'] });
    expect(() => condition('Missing', at)).toThrow(/condition Missing is not in the template's Conditions/);
  });
});

describe('referencedLogicalId', () => {
  it('finds the target of a Ref or GetAtt anywhere in a value', () => {
    expect(referencedLogicalId({ 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] })).toBe('Integration');
    expect(referencedLogicalId({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe('Fn');
    expect(referencedLogicalId({ Ref: 'AWS::Region' })).toBeUndefined();
    expect(referencedLogicalId('literal')).toBeUndefined();
  });
});
