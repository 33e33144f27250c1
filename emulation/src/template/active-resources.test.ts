import { describe, expect, it } from 'vitest';
import { withoutInactiveResources } from './active-resources.ts';

describe('withoutInactiveResources', () => {
  it('drops the resources whose condition is false and keeps the rest', () => {
    const template = {
      Conditions: { InEu: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }, InUs: { 'Fn::Not': [{ Condition: 'InEu' }] } },
      Resources: { Always: { Type: 'AWS::SQS::Queue' }, EuOnly: { Type: 'AWS::SQS::Queue', Condition: 'InEu' }, UsOnly: { Type: 'AWS::SQS::Queue', Condition: 'InUs' } },
    };
    expect(Object.keys(withoutInactiveResources(template, { region: 'eu-west-1', accountId: '1' }).Resources)).toEqual(['Always', 'EuOnly']);
    expect(Object.keys(withoutInactiveResources(template, { region: 'us-east-1', accountId: '1' }).Resources)).toEqual(['Always', 'UsOnly']);
  });
});
