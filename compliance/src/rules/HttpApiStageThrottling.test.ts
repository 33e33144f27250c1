import { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { describe, expect, it } from 'vitest';
import { findingIdsOf, fixtureStack } from '../testing/project-findings.ts';

describe('Serenya-HttpApiStageThrottling', { timeout: 30_000 }, () => {
  it('passes a stage with a rate and a burst limit', () => {
    const stack = fixtureStack();
    const httpApi = new HttpApi(stack, 'Api', { createDefaultStage: false });
    new HttpStage(stack, 'Stage', { httpApi, throttle: { rateLimit: 50, burstLimit: 100 } });
    expect(findingIdsOf(stack, 'HttpApiStageThrottling')).toEqual([]);
  });

  it('flags the default stage, which has no throttling', () => {
    const stack = fixtureStack();
    new HttpApi(stack, 'Api');
    expect(findingIdsOf(stack, 'HttpApiStageThrottling')).toEqual(['Serenya-HttpApiStageThrottling']);
  });

  it('flags a stage with a rate limit but no burst limit', () => {
    const stack = fixtureStack();
    const httpApi = new HttpApi(stack, 'Api', { createDefaultStage: false });
    new HttpStage(stack, 'Stage', { httpApi, throttle: { rateLimit: 50 } });
    expect(findingIdsOf(stack, 'HttpApiStageThrottling')).toEqual(['Serenya-HttpApiStageThrottling']);
  });
});
