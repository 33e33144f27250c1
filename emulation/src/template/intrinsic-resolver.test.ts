import { describe, expect, it } from 'vitest';
import { createIntrinsicResolver, referencedLogicalId, UnresolvableReferenceError } from './intrinsic-resolver.ts';
import type { CfnTemplate, ProvisionedResource } from './template-types.ts';

const template: CfnTemplate = {
  Parameters: {
    BootstrapVersion: { Type: 'String', Default: '/cdk-bootstrap/hnb659fds/version' },
    Stage: { Type: 'String', Default: 'development' },
    Retention: { Type: 'Number', Default: 30 },
    Zones: { Type: 'CommaDelimitedList', Default: 'a,b' },
  },
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
    expect(resolve(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::StackName', 'AWS::StackId'].map((Ref) => ({ Ref })), at)).toEqual([
      'eu-west-1',
      '123456789012',
      'aws',
      'amazonaws.com',
      'DevSerenya',
      'arn:aws:cloudformation:eu-west-1:123456789012:stack/DevSerenya/00000000-0000-4000-8000-000000000000',
    ]);
    expect(resolve({ Ref: 'AWS::NotificationARNs' }, at)).toEqual([]);
  });

  it("takes the caller's parameter values over the defaults, as strings, lists for list types, in Ref and Fn::Sub", () => {
    const pseudo = { region: 'eu-west-1', accountId: '123456789012' };
    const defaults = createIntrinsicResolver({ template, provisioned, pseudo });
    expect(defaults.resolve({ stage: { Ref: 'Stage' }, retention: { Ref: 'Retention' }, zones: { Ref: 'Zones' } }, at)).toEqual({ stage: 'development', retention: '30', zones: ['a', 'b'] });
    const given = createIntrinsicResolver({ template, provisioned, pseudo, parameters: { Stage: 'production', Retention: 7, Zones: ['x'] } });
    expect(given.resolve({ stage: { Ref: 'Stage' }, retention: { Ref: 'Retention' }, zones: { Ref: 'Zones' } }, at)).toEqual({ stage: 'production', retention: '7', zones: ['x'] });
    expect(given.resolve({ 'Fn::Sub': '${Stage}-${Bucket}' }, at)).toBe('production-uploads-1');
    expect(() => given.resolve({ 'Fn::Sub': '${Zones}' }, at)).toThrow(/Ref to Zones gives a list/);
    expect(() => createIntrinsicResolver({ template, provisioned, pseudo, parameters: { Stgae: 'x' } })).toThrow(/parameters Stgae are not declared/);
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
    expect(() => resolve({ 'Fn::Join': ['-'] }, at)).toThrow(/Fn::Join takes a list of 2/);
    expect(() => resolve({ 'Fn::Sub': '${AWS::NoValue}' }, at)).toThrow(/AWS::NoValue stands for no value here/);
  });

  it("resolves a resource's whole Properties, and an error names the property path down to the value", () => {
    const withProperties: CfnTemplate = {
      ...template,
      Resources: {
        ...template.Resources,
        Policy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: { Statement: [{ Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] } }] } } },
        Broken: { Type: 'AWS::SQS::QueuePolicy', Properties: { PolicyDocument: { Statement: [{ Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'StreamArn'] }, '/*']] } }] } } },
        Empty: { Type: 'AWS::SNS::Topic' },
      },
    };
    const { resolveProperties } = createIntrinsicResolver({ template: withProperties, provisioned, pseudo: { region: 'eu-west-1', accountId: '123456789012' } });
    expect(resolveProperties('Policy')).toEqual({ Queues: ['http://127.0.0.1:5000/123456789012/jobs'], PolicyDocument: { Statement: [{ Resource: 'arn:aws:sqs:eu-west-1:123456789012:jobs' }] } });
    expect(resolveProperties('Empty')).toEqual({});
    expect(() => resolveProperties('Broken')).toThrow(
      'cannot resolve Broken.PolicyDocument.Statement[0].Resource: Fn::GetAtt Bucket (AWS::S3::Bucket).StreamArn: provisioned without that attribute (has Arn)',
    );
  });

  it('reads the provisioned map as it grows, as the provisioner adds each wave', () => {
    const growing = new Map<string, ProvisionedResource>();
    const { resolve } = createIntrinsicResolver({ template, provisioned: growing, pseudo: { region: 'eu-west-1', accountId: '123456789012' } });
    expect(() => resolve({ Ref: 'Bucket' }, at)).toThrow(/Ref to Bucket \(AWS::S3::Bucket\), which was not provisioned/);
    growing.set('Bucket', provisioned.get('Bucket')!);
    expect(resolve({ 'Fn::Sub': '${Bucket}:${Bucket.Arn}' }, at)).toBe('uploads-1:arn:aws:s3:::uploads-1');
  });
});

describe('conditions, mappings and AWS::NoValue', () => {
  const withConditions: CfnTemplate = {
    ...template,
    Conditions: {
      IsEu: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
      NotEu: { 'Fn::Not': [{ Condition: 'IsEu' }] },
      Both: { 'Fn::And': [{ Condition: 'IsEu' }, { 'Fn::Or': [{ Condition: 'NotEu' }, true] }] },
      IsProduction: { 'Fn::Equals': [{ Ref: 'Stage' }, 'production'] },
      Either: { 'Fn::Or': [{ Condition: 'IsProduction' }, { 'Fn::Equals': ['a', 'b'] }] },
      Loop: { 'Fn::Not': [{ Condition: 'LoopBack' }] },
      LoopBack: { 'Fn::Not': [{ Condition: 'Loop' }] },
    },
    Mappings: { Sizes: { 'eu-west-1': { Memory: 1024 } } },
  };
  const { resolve, condition } = createIntrinsicResolver({ template: withConditions, provisioned, pseudo: { region: 'eu-west-1', accountId: '123456789012' } });

  it('evaluates Fn::If over the named conditions, finds mappings, and drops AWS::NoValue', () => {
    expect([condition('IsEu', at), condition('NotEu', at), condition('Both', at), condition('IsProduction', at), condition('Either', at)]).toEqual([true, false, true, false, false]);
    expect(
      resolve(
        {
          memory: { 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'Memory'] },
          name: { 'Fn::If': ['NotEu', 'us', { 'Fn::If': ['IsEu', 'eu', 'other'] }] },
          dropped: { 'Fn::If': ['NotEu', 'x', { Ref: 'AWS::NoValue' }] },
          droppedToo: { Ref: 'AWS::NoValue' },
          list: ['a', { 'Fn::If': ['NotEu', 'b', { Ref: 'AWS::NoValue' }] }, { Ref: 'AWS::NoValue' }],
        },
        at,
      ),
    ).toEqual({ memory: 1024, name: 'eu', list: ['a'] });
    expect(() => condition('Missing', at)).toThrow(/condition Missing is not in the template's Conditions/);
  });

  it("evaluates conditions on the caller's parameters, tells which resources are active, and refuses a cycle", () => {
    const withResources: CfnTemplate = {
      ...withConditions,
      Resources: { ...withConditions.Resources, ProductionOnly: { Type: 'AWS::SNS::Topic', Condition: 'IsProduction' }, EuOnly: { Type: 'AWS::SNS::Topic', Condition: 'IsEu' } },
    };
    const production = createIntrinsicResolver({ template: withResources, provisioned, pseudo: { region: 'us-east-1', accountId: '1' }, parameters: { Stage: 'production' } });
    expect(['Queue', 'ProductionOnly', 'EuOnly'].map((id) => production.isActive(id))).toEqual([true, true, false]);
    expect(production.condition('Either', at)).toBe(true);
    expect(() => production.condition('Loop', at)).toThrow(/condition Loop refers to itself \(through Loop → LoopBack\)/);
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
