import { describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../template/template-types.ts';
import { applyTemplateOverrides, serviceOfFunction } from './template-overrides.ts';

const template: CfnTemplate = {
  Resources: {
    ChatFunction1A2B: {
      Type: 'AWS::Lambda::Function',
      Properties: { Timeout: 29, Environment: { Variables: { A: '1', B: '2' } } },
      Metadata: { 'serenya:entry': 'services/chat/src/handler.ts', 'serenya:handler': 'handler' },
    },
    AuthFunction3C4D: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 10 }, Metadata: { 'serenya:entry': 'services/auth/src/handler.ts' } },
    LogRetentionFn: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 900 } },
    ContentIntegration: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' } },
    TimelineRoute: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { RouteKey: 'GET /content/timeline', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'ContentIntegration' }]] } },
    },
    ApiStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { StageName: '$default', DefaultRouteSettings: { DetailedMetricsEnabled: true, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 } } },
  },
};

describe('applyTemplateOverrides', () => {
  it("sets a service function's timeout, reserved concurrency and environment, leaving the others and the input alone", () => {
    const result = applyTemplateOverrides(template, { functions: { chat: { timeoutSeconds: 2, reservedConcurrency: 1, environment: { B: 'x' } } } });
    expect(result.Resources.ChatFunction1A2B?.Properties).toEqual({ Timeout: 2, ReservedConcurrentExecutions: 1, Environment: { Variables: { A: '1', B: 'x' } } });
    expect(result.Resources.AuthFunction3C4D).toEqual(template.Resources.AuthFunction3C4D);
    expect(template.Resources.ChatFunction1A2B?.Properties?.Timeout).toBe(29);
  });

  it("sets the stage's default throttling and keeps its other route settings", () => {
    const result = applyTemplateOverrides(template, { stageThrottling: { rateLimit: 2, burstLimit: 3 } });
    expect(result.Resources.ApiStage?.Properties?.DefaultRouteSettings).toEqual({ DetailedMetricsEnabled: true, ThrottlingRateLimit: 2, ThrottlingBurstLimit: 3 });
  });

  it("throttles single routes, and sets the integration timeout behind a route", () => {
    const result = applyTemplateOverrides(template, { routeThrottling: { 'GET /content/timeline': { rateLimit: 1, burstLimit: 1 } }, integrationTimeoutsMs: { 'GET /content/timeline': 1500 } });
    expect(result.Resources.ApiStage?.Properties?.RouteSettings).toEqual({ 'GET /content/timeline': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 } });
    expect(result.Resources.ContentIntegration?.Properties?.TimeoutInMillis).toBe(1500);
    expect(() => applyTemplateOverrides(template, { integrationTimeoutsMs: { 'GET /nowhere': 1 } })).toThrow('no route GET /nowhere');
  });

  it('refuses an override for a service the template has no function for', () => {
    expect(() => applyTemplateOverrides(template, { functions: { billing: { timeoutSeconds: 1 } } })).toThrow('without a function in the template: billing');
  });
});

describe('serviceOfFunction', () => {
  it('reads the service from the serenya:entry metadata, undefined for CDK helper functions', () => {
    expect(serviceOfFunction(template.Resources.ChatFunction1A2B!)).toBe('chat');
    expect(serviceOfFunction(template.Resources.LogRetentionFn!)).toBeUndefined();
  });
});
