/**
 * Feeds the local runtime's events into the metric pipeline: stdout lines (EMF) of every
 * function, every invocation (AWS/Lambda) and every HTTP API request (AWS/ApiGateway).
 * @module
 */
import type { EventEmitter } from 'node:events';
import type { LocalRuntimeEvents } from '../runtime/local-runtime.ts';
import { isEmfLine, type FunctionLogLine } from '../runtime/functions/function-log.ts';
import type { InvocationRecord } from '../runtime/functions/local-function.ts';
import type { HttpApiRequestRecord } from '../runtime/http-api/http-api-server.ts';
import type { LocalMetrics } from './local-metrics.ts';

/**
 * Subscribes `metrics` to the runtime's `log`, `invocation` and `request` events; returns the
 * function that unsubscribes.
 *
 * @example
 * ```ts
 * const disconnect = connectRuntimeMetrics(runtime.events, observability.metrics);
 * ```
 */
export function connectRuntimeMetrics(events: EventEmitter<LocalRuntimeEvents>, metrics: Pick<LocalMetrics, 'ingestLogLine' | 'recordInvocation' | 'recordApiRequest'>): () => void {
  const onLog = (line: FunctionLogLine): void => {
    // Lambda's EMF extraction reads what the function writes; the runtime's own REPORT lines are
    // not EMF. The runtime has parsed every JSON line already: its object, not the text again.
    if (line.stream === 'stdout' && isEmfLine(line)) metrics.ingestLogLine(line.functionName, line.json!);
  };
  const onInvocation = (record: InvocationRecord): void => {
    metrics.recordInvocation({
      functionName: record.functionName,
      durationMs: record.throttled ? undefined : record.durationMs,
      error: record.error,
      throttled: record.throttled,
      concurrentExecutions: record.throttled ? undefined : record.concurrentExecutions,
      timestamp: record.endedEpochMs,
    });
  };
  const onRequest = (record: HttpApiRequestRecord): void => {
    metrics.recordApiRequest({ apiId: record.apiId, stage: record.stage, status: record.status, latencyMs: record.latencyMs, integrationLatencyMs: record.integrationLatencyMs });
  };
  events.on('log', onLog);
  events.on('invocation', onInvocation);
  events.on('request', onRequest);
  return () => {
    events.off('log', onLog);
    events.off('invocation', onInvocation);
    events.off('request', onRequest);
  };
}
