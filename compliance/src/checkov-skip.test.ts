import { App, Stack, Stage } from 'aws-cdk-lib';
import { Queue, type CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { addCheckovSkip, applyCheckovSkip, checkovSkipProblems } from './checkov-skip.ts';

const comment = 'fixture: the queue is its own dead-letter target by design of the fixture';

describe('addCheckovSkip', { timeout: 30_000 }, () => {
  it('merges with skip entries and keys already there, and keeps aws:cdk:path', () => {
    // The CLI turns path metadata on; the template under test must carry it to prove it survives.
    const stack = new Stack(new App({ context: { 'aws:cdk:enable-path-metadata': true } }), 'Fixture');
    const queue = new Queue(stack, 'Queue').node.defaultChild as CfnQueue;
    queue.addMetadata('checkov', { skip: [{ id: 'CKV_AWS_27', comment: 'earlier' }], other: true });
    addCheckovSkip(queue, 'CKV_AWS_1', comment);
    addCheckovSkip(queue, 'CKV_AWS_1', comment);
    const resource = Object.values(Template.fromStack(stack).findResources('AWS::SQS::Queue'))[0] as { Metadata: Record<string, unknown> };
    expect(resource.Metadata.checkov).toEqual({ other: true, skip: [{ id: 'CKV_AWS_27', comment: 'earlier' }, { id: 'CKV_AWS_1', comment }] });
    expect(resource.Metadata['aws:cdk:path']).toBe('Fixture/Queue/Resource');
  });
});

describe('applyCheckovSkip', { timeout: 30_000 }, () => {
  it('explains the check on the resources of the given type inside the target, per stage', () => {
    const app = new App();
    const stage = new Stage(app, 'Development');
    const stack = new Stack(stage, 'Serenya');
    new Queue(stack, 'Queue', { enforceSSL: true });
    applyCheckovSkip([stage], { check: 'CKV_AWS_27', at: 'Serenya/Queue', resourceType: 'AWS::SQS::Queue', comment });
    const template = Template.fromStack(stack);
    const queue = Object.values(template.findResources('AWS::SQS::Queue'))[0] as { Metadata: Record<string, unknown> };
    const policy = Object.values(template.findResources('AWS::SQS::QueuePolicy'))[0] as { Metadata?: Record<string, unknown> };
    expect(queue.Metadata.checkov).toEqual({ skip: [{ id: 'CKV_AWS_27', comment }] });
    expect(policy.Metadata?.checkov).toBeUndefined();
  });

  it('refuses a non-checkov id and a short comment', () => {
    expect(checkovSkipProblems({ check: 'AwsSolutions-S1', at: 'x', comment: 'short' })).toHaveLength(2);
  });
});
