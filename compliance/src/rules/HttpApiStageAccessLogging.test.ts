import { CfnStage, HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { describe, expect, it } from 'vitest';
import { findingIdsOf, fixtureStack } from '../testing/project-findings.ts';

describe('Serenya-HttpApiStageAccessLogging', { timeout: 30_000 }, () => {
  it('passes a stage that logs to a log group in the default format (request id included)', () => {
    const stack = fixtureStack();
    const httpApi = new HttpApi(stack, 'Api', { createDefaultStage: false });
    new HttpStage(stack, 'Stage', { httpApi, autoDeploy: true, accessLogSettings: { destination: new LogGroupLogDestination(new LogGroup(stack, 'Access')) } });
    expect(findingIdsOf(stack, 'HttpApiStageAccessLogging')).toEqual([]);
  });

  it('flags a stage without access logs', () => {
    const stack = fixtureStack();
    new HttpApi(stack, 'Api');
    expect(findingIdsOf(stack, 'HttpApiStageAccessLogging')).toEqual(['Serenya-HttpApiStageAccessLogging']);
  });

  it('flags a raw stage whose log format cannot be tied to a request', () => {
    const stack = fixtureStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    new CfnStage(stack, 'Stage', {
      apiId: api.apiId,
      stageName: 'v1',
      accessLogSettings: { destinationArn: new LogGroup(stack, 'Access').logGroupArn, format: '$context.status' },
    });
    expect(findingIdsOf(stack, 'HttpApiStageAccessLogging')).toEqual(['Serenya-HttpApiStageAccessLogging']);
  });
});
