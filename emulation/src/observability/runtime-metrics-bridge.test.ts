import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { LocalRuntimeEvents } from '../runtime/local-runtime.ts';
import { LocalMetrics } from './local-metrics.ts';
import { connectRuntimeMetrics } from './runtime-metrics-bridge.ts';

describe('connectRuntimeMetrics', () => {
  it("turns the runtime's invocation, request and EMF log events into metrics, until disconnected", () => {
    const events = new EventEmitter<LocalRuntimeEvents>();
    const metrics = new LocalMetrics({ log: () => undefined });
    const disconnect = connectRuntimeMetrics(events, metrics);
    const at = 1_764_000_000_000;
    events.emit('invocation', {
      functionName: 'serenya-development-auth',
      logicalId: 'Auth',
      requestId: 'r1',
      outcome: 'error',
      error: true,
      throttled: false,
      timedOut: false,
      coldStart: true,
      durationMs: 42,
      billedDurationMs: 42,
      initDurationMs: 100,
      memorySizeMb: 256,
      maxMemoryUsedMb: 80,
      concurrentExecutions: 1,
      endedEpochMs: at,
    });
    events.emit('request', { apiId: 'add8651470', apiLogicalId: 'Api', stage: '$default', routeKey: 'GET /x', method: 'GET', path: '/x', requestId: 'q', status: 502, latencyMs: 50, integrationLatencyMs: 45, errorResponseType: undefined });
    const emf = JSON.stringify({ _aws: { Timestamp: at, CloudWatchMetrics: [{ Namespace: 'Serenya/LLM', Dimensions: [['Provider']], Metrics: [{ Name: 'TotalCost', Unit: 'Count' }] }] }, Provider: 'bedrock', TotalCost: 7 });
    events.emit('log', { functionName: 'serenya-development-chat', logicalId: 'Chat', requestId: 'r2', stream: 'stdout', level: 'INFO', text: emf, json: JSON.parse(emf) as Record<string, unknown>, timeEpochMs: at });
    events.emit('log', { functionName: 'serenya-development-chat', logicalId: 'Chat', requestId: 'r2', stream: 'platform', level: 'REPORT', text: emf, json: undefined, timeEpochMs: at });

    const sum = (namespace: string, metricName: string, dimensions: Record<string, string>) =>
      metrics.store.samples({ namespace, metricName, dimensions }, 0, Number.MAX_SAFE_INTEGER).flatMap((sample) => sample.values).reduce((a, b) => a + b, 0);
    expect(sum('AWS/Lambda', 'Errors', { FunctionName: 'serenya-development-auth' })).toBe(1);
    expect(sum('AWS/Lambda', 'Duration', { FunctionName: 'serenya-development-auth' })).toBe(42);
    expect(sum('AWS/ApiGateway', '5xx', { ApiId: 'add8651470', Stage: '$default' })).toBe(1);
    expect(sum('Serenya/LLM', 'TotalCost', { Provider: 'bedrock' })).toBe(7); // once: the platform line is not read

    disconnect();
    events.emit('request', { apiId: 'add8651470', apiLogicalId: 'Api', stage: '$default', routeKey: 'GET /x', method: 'GET', path: '/x', requestId: 'q', status: 500, latencyMs: 5, integrationLatencyMs: undefined, errorResponseType: undefined });
    expect(sum('AWS/ApiGateway', '5xx', { ApiId: 'add8651470', Stage: '$default' })).toBe(1);
  });
});
