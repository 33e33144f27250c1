import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { acknowledgementProblems, applyAcknowledgement, coreLevelId, packOf, resolveTarget, type Acknowledgement } from './acknowledgement.ts';

const ack: Acknowledgement = {
  pack: 'Serenya',
  finding: 'Serenya-SqsQueueTlsOnlyPolicy',
  at: 'Serenya/Queue',
  reason: 'fixture: the queue is reached only through a VPC endpoint whose policy demands TLS',
  reference: 'fixture',
};

function appWithQueue(): { app: App; stages: Stage[] } {
  const app = new App();
  const stages = ['Development', 'Production'].map((id) => {
    const stage = new Stage(app, id);
    new Queue(new Stack(stage, 'Serenya'), 'Queue');
    return stage;
  });
  return { app, stages };
}

const acknowledgedIds = (stage: Stage, path: string): string[] => {
  const [construct] = resolveTarget(stage, path);
  return (construct?.node.metadata ?? [])
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.keys(m.data as Record<string, string>));
};

describe('acknowledgementProblems', { timeout: 30_000 }, () => {
  it('accepts a reasoned, referenced acknowledgement of its own pack', () => {
    expect(acknowledgementProblems(ack)).toEqual([]);
  });

  it('refuses a short reason, a missing reference and a finding of another pack', () => {
    expect(acknowledgementProblems({ ...ack, pack: 'AwsSolutions', reason: 'not needed', reference: ' ' })).toEqual([
      'finding Serenya-SqsQueueTlsOnlyPolicy does not belong to pack AwsSolutions',
      'reason for Serenya-SqsQueueTlsOnlyPolicy is shorter than 40 characters',
      'reason for Serenya-SqsQueueTlsOnlyPolicy has no reference',
    ]);
  });
});

describe('packOf', () => {
  it('names the pack from the finding id, granular part and all, and refuses a foreign id', () => {
    expect(['HIPAA.Security-LambdaDLQ', 'AwsSolutions-IAM5[Resource::*]', 'Serverless-LambdaDLQ', 'Serenya-CloudFrontViewerTls12'].map(packOf)).toEqual([
      'HIPAA.Security',
      'AwsSolutions',
      'Serverless',
      'Serenya',
    ]);
    expect(() => packOf('CKV_AWS_116')).toThrow(/none of the packs/);
  });
});

describe('applyAcknowledgement', { timeout: 30_000 }, () => {
  it('acknowledges in the core-level form on the construct of every stage', () => {
    const { stages } = appWithQueue();
    applyAcknowledgement(stages, ack);
    expect(coreLevelId(ack)).toBe('Serenya::Serenya-SqsQueueTlsOnlyPolicy');
    for (const stage of stages) expect(acknowledgedIds(stage, 'Serenya/Queue').join()).toContain('Serenya::Serenya-SqsQueueTlsOnlyPolicy');
  });

  it('limits a stage-specific acknowledgement to its stages', () => {
    const { stages } = appWithQueue();
    applyAcknowledgement(stages, { ...ack, stages: ['Development'] });
    expect(stages.map((s) => acknowledgedIds(s, 'Serenya/Queue').length)).toEqual([1, 0]);
  });

  it('throws on an unreasoned acknowledgement instead of applying it', () => {
    const { stages } = appWithQueue();
    expect(() => applyAcknowledgement(stages, { ...ack, reason: 'false positive' })).toThrow(/shorter than 40/);
  });
});
