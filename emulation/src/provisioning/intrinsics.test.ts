import { describe, expect, it } from 'vitest';
import type { ProvisionedResource } from '../template/template-types.ts';
import { evaluateConditions, IntrinsicResolutionError, resolveIntrinsics, type IntrinsicContext } from './intrinsics.ts';

const bucket: ProvisionedResource = { logicalId: 'Bucket', type: 'AWS::S3::Bucket', ref: 'docs-bucket', attributes: { Arn: 'arn:aws:s3:::docs-bucket' } };
const context: IntrinsicContext = {
  resources: new Map([['Bucket', bucket]]),
  parameters: { Stage: 'development' },
  pseudo: { region: 'eu-west-1', accountId: '123456789012', stackName: 'serenya-development' },
  conditions: { IsProduction: false },
};

describe('resolveIntrinsics', () => {
  it('resolves Ref to resources, parameters and pseudo parameters', () => {
    expect(resolveIntrinsics({ a: { Ref: 'Bucket' }, b: { Ref: 'Stage' }, c: { Ref: 'AWS::Region' }, d: { Ref: 'AWS::AccountId' } }, context)).toEqual({
      a: 'docs-bucket',
      b: 'development',
      c: 'eu-west-1',
      d: '123456789012',
    });
  });

  it('resolves Fn::GetAtt in both forms, Fn::Join, Fn::Select and Fn::Split', () => {
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, context)).toBe('arn:aws:s3:::docs-bucket');
    expect(resolveIntrinsics({ 'Fn::GetAtt': 'Bucket.Arn' }, context)).toBe('arn:aws:s3:::docs-bucket');
    expect(resolveIntrinsics({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] }, context)).toBe('arn:aws:s3:::docs-bucket/*');
    expect(resolveIntrinsics({ 'Fn::Select': [1, { 'Fn::Split': ['-', 'a-b-c'] }] }, context)).toBe('b');
  });

  it('substitutes ${Name}, ${Resource.Attribute}, local variables and keeps ${!Literal}', () => {
    expect(resolveIntrinsics({ 'Fn::Sub': 'arn:${AWS::Partition}:x:${Bucket}:${Bucket.Arn}:${Stage}:${!Literal}' }, context)).toBe(
      'arn:aws:x:docs-bucket:arn:aws:s3:::docs-bucket:development:${Literal}',
    );
    expect(resolveIntrinsics({ 'Fn::Sub': ['${Name}-x', { Name: { Ref: 'Stage' } }] }, context)).toBe('development-x');
  });

  it('removes AWS::NoValue from objects and lists, and picks Fn::If branches by condition', () => {
    expect(resolveIntrinsics({ keep: 1, drop: { Ref: 'AWS::NoValue' }, list: [1, { Ref: 'AWS::NoValue' }] }, context)).toEqual({ keep: 1, list: [1] });
    expect(resolveIntrinsics({ 'Fn::If': ['IsProduction', 'yes', 'no'] }, context)).toBe('no');
  });

  it('names the place and the attribute when a reference cannot be resolved', () => {
    expect(() => resolveIntrinsics({ x: { Ref: 'Missing' } }, context)).toThrow(IntrinsicResolutionError);
    expect(() => resolveIntrinsics({ x: { 'Fn::GetAtt': ['Bucket', 'StreamArn'] } }, context)).toThrow(/\$\.x\.Fn::GetAtt: Fn::GetAtt Bucket\.StreamArn: .*known: Arn/);
    expect(() => resolveIntrinsics({ 'Fn::ImportValue': 'x' }, context)).toThrow(/not supported/);
  });
});

describe('evaluateConditions', () => {
  it('evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or and conditions referring to conditions', () => {
    const template = {
      Resources: {},
      Conditions: {
        InIreland: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
        IsProduction: { 'Fn::Equals': [{ Ref: 'Stage' }, 'production'] },
        NotProduction: { 'Fn::Not': [{ Condition: 'IsProduction' }] },
        Both: { 'Fn::And': [{ Condition: 'InIreland' }, { Condition: 'NotProduction' }] },
        Either: { 'Fn::Or': [{ Condition: 'IsProduction' }, { 'Fn::Equals': ['a', 'b'] }] },
      },
    };
    expect(evaluateConditions(template, { resources: new Map(), parameters: { Stage: 'development' }, pseudo: context.pseudo })).toEqual({
      InIreland: true,
      IsProduction: false,
      NotProduction: true,
      Both: true,
      Either: false,
    });
  });
});
