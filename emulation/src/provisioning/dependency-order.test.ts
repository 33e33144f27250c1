import { describe, expect, it } from 'vitest';
import { dependencyWaves } from './dependency-order.ts';

describe('dependencyWaves', () => {
  it('puts every resource after what it names through Ref, Fn::GetAtt, Fn::Sub and DependsOn', () => {
    const waves = dependencyWaves({
      Key: { Type: 'AWS::KMS::Key' },
      Dlq: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: { Ref: 'Key' } } },
      Queue: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } } },
      Policy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Resource: { 'Fn::Sub': '${Queue.Arn}/${!Literal}' } } },
      Alarm: { Type: 'AWS::CloudWatch::Alarm', DependsOn: 'Policy', Properties: { Ref: 'AWS::Region' } },
      Topic: { Type: 'AWS::SNS::Topic' },
    });
    expect(waves).toEqual([['Key', 'Topic'], ['Dlq'], ['Queue'], ['Policy'], ['Alarm']]);
  });

  it('names the resources of a cycle', () => {
    expect(() =>
      dependencyWaves({
        A: { Type: 'AWS::SQS::Queue', Properties: { x: { Ref: 'B' } } },
        B: { Type: 'AWS::SQS::Queue', Properties: { x: { Ref: 'A' } } },
      }),
    ).toThrow(/cycle: A, B/);
  });
});
