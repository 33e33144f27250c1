import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCategories, ErrorCatalog } from '../../../../services/shared/src/errors/index.ts';
import { recordErrorMetric } from '../../../../services/shared/src/http/error-response.ts';
import { CircuitBreaker } from '../../../../services/shared/src/resilience/circuit-breaker.ts';
import { emitLlmUsageMetrics } from '../../../../services/shared/src/cost/llm-usage-metrics.ts';
import { emitRecoveryOutcome } from '../../../../services/shared/src/observability/recovery-metrics.ts';
import { captureEmf, type EmfLine } from '../../../../services/shared/src/testing/capture-emf.ts';
import { emitDocumentOutcome, emitProcessingFailure, PipelineOutcomes } from '../../../../services/processor/src/pipeline-metrics.ts';
import { resourcesOf, synthesizedStages } from '../../testing/synthesized-stages.ts';
import { CIRCUIT_BREAKER_SERVICES, TIMEOUT_ALARM_FRACTION } from './alarm-specs.ts';

const { template } = synthesizedStages().development;
const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
const dimensionsOf = (alarm: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries((alarm.Dimensions as Array<{ Name: string; Value: unknown }>).map((d) => [d.Name, d.Value]));

/** What the services really emit: each metric's dimension sets, captured from the real code. */
const emitted: EmfLine[] = [];
beforeAll(async () => {
  const capture = captureEmf();
  try {
    recordErrorMetric(new AppError('LLM_UNAVAILABLE'));
    for (const service of CIRCUIT_BREAKER_SERVICES) {
      const breaker = new CircuitBreaker({
        service,
        policy: { failureThreshold: 1, successThreshold: 1, openDurationMs: 60_000, monitorWindowMs: 60_000 },
        action: () => Promise.reject(new Error('down')),
      });
      await breaker.fire().catch(() => undefined);
      breaker.shutdown();
    }
    emitLlmUsageMetrics({
      userId: 'u',
      requestId: 'r',
      documentType: 'lab_results',
      provider: 'bedrock',
      modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
      usage: { inputTokens: 1, outputTokens: 1, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 },
      costCents: 1,
      processingTimeMs: 1,
    });
    emitDocumentOutcome('exhausted');
    emitProcessingFailure('LLM_UNAVAILABLE');
    emitRecoveryOutcome('retry', false);
  } finally {
    capture.restore();
  }
  emitted.push(...capture.lines);
});

/** The dimension sets (as sorted key lists) emitted for a namespace and metric. */
function emittedKeySets(namespace: string, metric: string): string[] {
  return emitted.flatMap((line) =>
    line._aws.CloudWatchMetrics.filter((m) => m.Namespace === namespace && m.Metrics.some((x) => x.Name === metric)).flatMap((m) => m.Dimensions.map((set) => [...set].sort().join(','))),
  );
}

/** Values the code can put in each dimension. */
const knownValues: Record<string, readonly string[]> = {
  Service: CIRCUIT_BREAKER_SERVICES,
  Status: ['open', 'closed', 'half_open'],
  Category: ErrorCategories,
  Success: ['true', 'false'],
  Outcome: PipelineOutcomes,
  ErrorCode: Object.keys(ErrorCatalog),
  Provider: ['bedrock'],
};

describe('alarms', () => {

  it('each notify an encrypted SNS topic on ALARM and on OK', () => {
    expect(alarms.length).toBeGreaterThanOrEqual(17);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toHaveLength(1);
      expect(alarm.OKActions).toEqual(alarm.AlarmActions);
      expect(alarm.ActionsEnabled ?? true).toBe(true);
    }
  });

  it('on Serenya metrics name exactly a dimension set the services emit, with values the code uses', () => {
    const custom = alarms.filter((alarm) => String(alarm.Namespace).startsWith('Serenya/'));
    expect(custom.length).toBeGreaterThanOrEqual(9);
    for (const alarm of custom) {
      const dimensions = dimensionsOf(alarm);
      const keys = Object.keys(dimensions).sort().join(',');
      expect({ alarm: alarm.AlarmName, keys, emitted: emittedKeySets(alarm.Namespace as string, alarm.MetricName as string) }).toEqual(
        expect.objectContaining({ emitted: expect.arrayContaining([keys]) as unknown }),
      );
      for (const [name, value] of Object.entries(dimensions)) expect(knownValues[name]).toContain(value);
    }
  });

  it('one circuit-breaker alarm per breaker, on {Service, Status: open}', () => {
    const breakers = alarms.filter((alarm) => alarm.MetricName === 'CircuitBreakerState').map(dimensionsOf);
    expect(breakers).toEqual(CIRCUIT_BREAKER_SERVICES.map((service) => ({ Service: service, Status: 'open' })));
  });

  it('on AWS metrics use the HTTP API, function, database, queue and log group of this stack', () => {
    for (const alarm of alarms.filter((a) => a.Namespace === 'AWS/ApiGateway')) {
      expect(['5xx', '4xx']).toContain(alarm.MetricName);
      expect(dimensionsOf(alarm)).toEqual({ ApiId: { Ref: expect.stringMatching(/^HttpApi/) as unknown } });
    }
    const rds = alarms.find((a) => a.Namespace === 'AWS/RDS');
    expect(dimensionsOf(rds ?? {})).toEqual({ DBInstanceIdentifier: 'serenya-development-db' });
    const flowLogs = alarms.find((a) => a.Namespace === 'AWS/Logs');
    expect(flowLogs).toMatchObject({ MetricName: 'IncomingLogEvents', ComparisonOperator: 'LessThanThreshold', Threshold: 1, TreatMissingData: 'breaching' });
    expect(dimensionsOf(flowLogs ?? {})).toEqual({ LogGroupName: { Ref: expect.stringMatching(/^NetworkFlowLogGroup/) as unknown } });
  });

  it('timeout alarms sit at 80 % of each function’s real timeout; the document one is on the processor', () => {
    const timeouts: Record<string, number> = Object.fromEntries(
      resourcesOf(template, 'AWS::Lambda::Function').map(([, fn]) => [String(fn.Properties.FunctionName), fn.Properties.Timeout as number]),
    );
    const durationAlarms = alarms.filter((a) => a.MetricName === 'Duration');
    expect(durationAlarms.map((a) => dimensionsOf(a).FunctionName)).toContain('serenya-development-processor');
    for (const alarm of durationAlarms) {
      const timeout = timeouts[dimensionsOf(alarm).FunctionName as string];
      expect(timeout).toBeDefined();
      expect(alarm.Threshold).toBe(Math.round((timeout ?? 0) * 1000 * TIMEOUT_ALARM_FRACTION));
      expect(alarm.Threshold).toBeLessThan((timeout ?? 0) * 1000);
    }
    const processor = durationAlarms.find((a) => dimensionsOf(a).FunctionName === 'serenya-development-processor');
    expect(processor?.Threshold).toBe(144_000);
    // The streaming chat function has its own, longer timeout (60 s: no API Gateway in front).
    const chatStream = durationAlarms.find((a) => dimensionsOf(a).FunctionName === 'serenya-development-chat-stream');
    expect(chatStream?.Threshold).toBe(48_000);
  });

  it('processing errors alarm within a minute and clear when Bedrock recovers', () => {
    const processing = alarms.filter((a) => a.Namespace === 'Serenya/Documents');
    expect(processing.map(dimensionsOf)).toEqual(
      expect.arrayContaining([{ Outcome: 'retried' }, { Outcome: 'exhausted' }, { ErrorCode: 'LLM_UNAVAILABLE' }]),
    );
    for (const alarm of processing) {
      expect(alarm).toMatchObject({ Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching', Statistic: 'Sum' });
    }
  });

  it('keep the design’s thresholds where the design was right', () => {
    const byName = (suffix: string) => alarms.find((a) => String(a.AlarmName).endsWith(suffix));
    expect(byName('high-technical-errors')).toMatchObject({ Threshold: 20, Period: 300, EvaluationPeriods: 2, Statistic: 'Sum' });
    expect(byName('recovery-strategy-failures')).toMatchObject({ Threshold: 10, ComparisonOperator: 'GreaterThanThreshold' });
    expect(dimensionsOf(byName('recovery-strategy-failures') ?? {})).toEqual({ Success: 'false' });
    expect(byName('api-5xx')).toMatchObject({ Threshold: 10, EvaluationPeriods: 2 });
    expect(byName('unauthorized-api-access')).toMatchObject({ Threshold: 50 });
    expect(byName('database-connections')).toMatchObject({ Threshold: 80, EvaluationPeriods: 3, Statistic: 'Average' });
    expect(byName('llm-cost-threshold')).toMatchObject({ Threshold: 100, Period: 3600, Namespace: 'Serenya/LLM', MetricName: 'TotalCost' });
  });
});
