/**
 * The metrics AWS itself publishes for Lambda and API Gateway HTTP APIs, made from the local
 * runtime's events: `AWS/Lambda` Invocations, Errors, Duration, Throttles and
 * ConcurrentExecutions per function (and account-wide, without dimensions, as AWS also does),
 * and the HTTP API's Count, 4xx, 5xx, Latency and IntegrationLatency per API and per
 * API + stage. HTTP APIs publish into the `AWS/ApiGateway` namespace (there is no
 * `AWS/ApiGatewayV2` namespace); CDK's `HttpApi.metric*()` and the template's alarms read it there.
 * @module
 */

/** Where API Gateway publishes HTTP API metrics. */
export const HTTP_API_METRICS_NAMESPACE = 'AWS/ApiGateway';
import type { MetricDatum } from './metric-datum.ts';

export interface InvocationEvent {
  readonly functionName: string;
  /** Billed-duration-like run time; absent for a throttled invocation, which never ran. */
  readonly durationMs?: number;
  /** The invocation failed (handler threw, timed out, or the runtime crashed). */
  readonly error?: boolean;
  /** Rejected for lack of concurrency: AWS counts it under Throttles, not Invocations. */
  readonly throttled?: boolean;
  /** Executions of this function running at this moment, this one included. */
  readonly concurrentExecutions?: number;
  /** Milliseconds since the epoch; default now. */
  readonly timestamp?: number;
}

export interface ApiRequestEvent {
  readonly apiId: string;
  /** `$default` unless the template names the stage. */
  readonly stage: string;
  readonly status: number;
  /** From request received to response sent, as API Gateway measures `Latency`. */
  readonly latencyMs: number;
  /** Time spent in the integration (the Lambda), when it was called. */
  readonly integrationLatencyMs?: number;
  readonly timestamp?: number;
}

export function lambdaInvocationMetrics(event: InvocationEvent): MetricDatum[] {
  const timestamp = event.timestamp ?? Date.now();
  const data: MetricDatum[] = [];
  const dimensionSets: Array<Record<string, string>> = [{ FunctionName: event.functionName }, {}];
  for (const dimensions of dimensionSets) {
    const datum = (metricName: string, unit: string, value: number): MetricDatum => ({ namespace: 'AWS/Lambda', metricName, dimensions, unit, values: [value], timestamp });
    if (event.throttled === true) {
      data.push(datum('Throttles', 'Count', 1));
      continue;
    }
    data.push(datum('Invocations', 'Count', 1), datum('Errors', 'Count', event.error === true ? 1 : 0), datum('Throttles', 'Count', 0));
    if (event.durationMs !== undefined) data.push(datum('Duration', 'Milliseconds', event.durationMs));
    if (event.concurrentExecutions !== undefined) data.push(datum('ConcurrentExecutions', 'Count', event.concurrentExecutions));
  }
  return data;
}

export function apiRequestMetrics(event: ApiRequestEvent): MetricDatum[] {
  const timestamp = event.timestamp ?? Date.now();
  const data: MetricDatum[] = [];
  const dimensionSets: Array<Record<string, string>> = [{ ApiId: event.apiId }, { ApiId: event.apiId, Stage: event.stage }];
  for (const dimensions of dimensionSets) {
    const datum = (metricName: string, unit: string, value: number): MetricDatum => ({ namespace: HTTP_API_METRICS_NAMESPACE, metricName, dimensions, unit, values: [value], timestamp });
    data.push(
      datum('Count', 'Count', 1),
      datum('4xx', 'Count', event.status >= 400 && event.status < 500 ? 1 : 0),
      datum('5xx', 'Count', event.status >= 500 ? 1 : 0),
      datum('Latency', 'Milliseconds', event.latencyMs),
    );
    if (event.integrationLatencyMs !== undefined) data.push(datum('IntegrationLatency', 'Milliseconds', event.integrationLatencyMs));
  }
  return data;
}
