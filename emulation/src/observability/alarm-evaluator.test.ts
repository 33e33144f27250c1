import { describe, expect, it } from 'vitest';
import { alarmDefinition } from './alarm-definition.ts';
import { AlarmEvaluator } from './alarm-evaluator.ts';
import { alarmRoutes } from './alarm-routes.ts';
import { LocalMetrics } from './local-metrics.ts';

const stack = { region: 'eu-west-1', accountId: '123456789012' };

const errorsAlarm = alarmDefinition(
  'ProcessingErrorsAlarm',
  'processing-errors',
  {
    Namespace: 'Serenya/Errors',
    MetricName: 'ErrorsByCategory',
    Dimensions: [{ Name: 'Category', Value: 'processing' }],
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 2,
    DatapointsToAlarm: 1,
    Threshold: 3,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
  },
  stack,
);

const errorRateAlarm = alarmDefinition(
  'ErrorRateAlarm',
  'error-rate',
  {
    Metrics: [
      { Id: 'errors', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: 'processor' }] }, Period: 60, Stat: 'Sum' }, ReturnData: false },
      { Id: 'invocations', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: 'processor' }] }, Period: 60, Stat: 'Sum' }, ReturnData: false },
      { Id: 'rate', Expression: '100 * errors / invocations' },
    ],
    EvaluationPeriods: 1,
    Threshold: 50,
    ComparisonOperator: 'GreaterThanThreshold',
  },
  stack,
);

const anomalyAlarm = alarmDefinition(
  'LatencyAnomaly',
  'latency-anomaly',
  { Namespace: 'AWS/ApiGatewayV2', MetricName: 'Latency', Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanUpperThreshold' },
  stack,
);

function emfError(timestamp: number): string {
  return JSON.stringify({
    _aws: { Timestamp: timestamp, CloudWatchMetrics: [{ Namespace: 'Serenya/Errors', Dimensions: [['Category', 'RecoveryStrategy'], ['Category']], Metrics: [{ Name: 'ErrorsByCategory', Unit: 'Count' }] }] },
    Category: 'processing',
    RecoveryStrategy: 'retry',
    ErrorsByCategory: 1,
  });
}

describe('AlarmEvaluator (without moto, on a test clock)', () => {
  it('moves a single-metric alarm INSUFFICIENT_DATA → OK → ALARM → OK as EMF errors come and go', async () => {
    let now = Date.UTC(2026, 10, 25, 16, 0);
    const metrics = new LocalMetrics({ log: () => undefined });
    const printed: string[] = [];
    const evaluator = new AlarmEvaluator({ alarms: [errorsAlarm], store: metrics.store, now: () => now, print: (line) => printed.push(line) });

    expect(evaluator.alarmStates()[0]?.state).toBe('INSUFFICIENT_DATA');
    expect((await evaluator.evaluateNow()).map((t) => `${t.oldState}→${t.newState}`)).toEqual(['INSUFFICIENT_DATA→OK']);

    // Each EMF line writes two series; the alarm counts only {Category} (exact match): 3, not 6.
    for (let index = 0; index < 3; index += 1) metrics.ingestLogLine('processor', emfError(now - 1000));
    const [toAlarm] = await evaluator.evaluateNow();
    expect(toAlarm).toMatchObject({ oldState: 'OK', newState: 'ALARM' });
    expect(toAlarm?.reason).toMatch(/^Threshold Crossed: 1 out of the last 2 datapoints \[3\.0 .*\] was greater than or equal to the threshold \(3\.0\)/);
    expect(evaluator.alarmStates()[0]?.recentValues).toEqual([3, null]);

    now += 60_000; // the errors are now in the older of the two periods: still 1 of 2
    expect(await evaluator.evaluateNow()).toEqual([]);
    now += 60_000; // and now out of the window
    expect((await evaluator.evaluateNow()).map((t) => t.newState)).toEqual(['OK']);
    expect(printed).toEqual([
      expect.stringMatching(/ alarm processing-errors: INSUFFICIENT_DATA → OK: /),
      expect.stringMatching(/ alarm processing-errors: OK → ALARM: Threshold Crossed/),
      expect.stringMatching(/ alarm processing-errors: ALARM → OK: /),
    ]);
    await evaluator.stop();
  });

  it('evaluates a metric-math error rate from AWS/Lambda invocation metrics', async () => {
    const now = Date.UTC(2026, 10, 25, 16, 0);
    const metrics = new LocalMetrics({ log: () => undefined });
    const evaluator = new AlarmEvaluator({ alarms: [errorRateAlarm], store: metrics.store, now: () => now, print: () => undefined });
    metrics.recordInvocation({ functionName: 'processor', durationMs: 20, timestamp: now - 10 });
    metrics.recordInvocation({ functionName: 'processor', durationMs: 20, error: true, timestamp: now - 10 });
    expect((await evaluator.evaluateNow())[0]?.newState).toBe('OK'); // 50 % is not > 50 %
    metrics.recordInvocation({ functionName: 'processor', durationMs: 20, error: true, timestamp: now - 5 });
    expect((await evaluator.evaluateNow())[0]?.newState).toBe('ALARM'); // 2 of 3
    expect(evaluator.alarmStates()[0]?.recentValues[0]).toBeCloseTo(66.667, 2);
    await evaluator.stop();
  });

  it('lists unsupported alarms with the reason and leaves them INSUFFICIENT_DATA; GET /_local/alarms shows all', async () => {
    const metrics = new LocalMetrics({ log: () => undefined });
    const evaluator = new AlarmEvaluator({ alarms: [errorsAlarm, anomalyAlarm], store: metrics.store, print: () => undefined });
    await evaluator.evaluateNow();
    const response = await alarmRoutes(evaluator).request('/_local/alarms');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { counts: Record<string, number>; alarms: Array<{ alarmName: string; state: string; unsupported?: string }> };
    expect(body.counts).toEqual({ OK: 1, ALARM: 0, INSUFFICIENT_DATA: 1 });
    expect(body.alarms.find((alarm) => alarm.alarmName === 'latency-anomaly')).toMatchObject({
      state: 'INSUFFICIENT_DATA',
      unsupported: expect.stringContaining('GreaterThanUpperThreshold') as unknown,
    });
    await evaluator.stop();
  });

  it('runs on its own timer, every period × periodScale', async () => {
    const metrics = new LocalMetrics({ log: () => undefined });
    const evaluator = new AlarmEvaluator({ alarms: [errorsAlarm], store: metrics.store, periodScale: 0.001, print: () => undefined });
    const transition = new Promise((resolve) => evaluator.onTransition(resolve));
    await evaluator.start();
    await expect(transition).resolves.toMatchObject({ oldState: 'INSUFFICIENT_DATA', newState: 'OK' });
    await evaluator.stop();
  });
});
