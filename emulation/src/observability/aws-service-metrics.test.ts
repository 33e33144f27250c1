import { describe, expect, it } from 'vitest';
import { apiRequestMetrics, lambdaInvocationMetrics } from './aws-service-metrics.ts';

const summary = (data: ReturnType<typeof lambdaInvocationMetrics>) => data.map((datum) => `${datum.metricName}${JSON.stringify(datum.dimensions)}=${datum.values.join(',')}`);

describe('AWS service metrics', () => {
  it('publishes Lambda metrics per function and account-wide; a throttle counts only as Throttles', () => {
    expect(summary(lambdaInvocationMetrics({ functionName: 'auth', durationMs: 12, error: true, concurrentExecutions: 2, timestamp: 1 }))).toEqual([
      'Invocations{"FunctionName":"auth"}=1',
      'Errors{"FunctionName":"auth"}=1',
      'Throttles{"FunctionName":"auth"}=0',
      'Duration{"FunctionName":"auth"}=12',
      'ConcurrentExecutions{"FunctionName":"auth"}=2',
      'Invocations{}=1',
      'Errors{}=1',
      'Throttles{}=0',
      'Duration{}=12',
      'ConcurrentExecutions{}=2',
    ]);
    expect(summary(lambdaInvocationMetrics({ functionName: 'auth', throttled: true, timestamp: 1 }))).toEqual(['Throttles{"FunctionName":"auth"}=1', 'Throttles{}=1']);
  });

  it('publishes HTTP API metrics per API and per API and stage, 4xx and 5xx as 0 or 1', () => {
    const data = apiRequestMetrics({ apiId: 'abc', stage: '$default', status: 503, latencyMs: 30_001, integrationLatencyMs: 30_000, timestamp: 1 });
    expect(data.every((datum) => datum.namespace === 'AWS/ApiGateway')).toBe(true);
    expect(summary(data).filter((line) => line.includes('Stage'))).toEqual([
      'Count{"ApiId":"abc","Stage":"$default"}=1',
      '4xx{"ApiId":"abc","Stage":"$default"}=0',
      '5xx{"ApiId":"abc","Stage":"$default"}=1',
      'Latency{"ApiId":"abc","Stage":"$default"}=30001',
      'IntegrationLatency{"ApiId":"abc","Stage":"$default"}=30000',
    ]);
    expect(summary(apiRequestMetrics({ apiId: 'abc', stage: 's', status: 404, latencyMs: 3, timestamp: 1 }))).toContain('4xx{"ApiId":"abc"}=1');
  });
});
