/**
 * Evaluates the template's alarms locally, because moto stores alarms but never evaluates them
 * (MOTO.md §6). Each alarm is checked every minute, or every period when shorter (times
 * `periodScale`, so a test can run a 60 s alarm in 0.6 s), over the in-process metric store; a state change is written to moto
 * (SetAlarmState, so DescribeAlarms agrees), published to the SNS topics among the actions for
 * the new state with CloudWatch's notification JSON, and printed as one line.
 * @module
 */
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AwsTarget } from '../provisioning/aws-target.ts';
import type { AlarmDefinition, MetricStatSource } from './alarm-definition.ts';
import { evaluatePeriods, periodWindows, type AlarmState, type PeriodValue } from './alarm-evaluation.ts';
import { alarmNotification } from './alarm-notification.ts';
import { evaluateMathExpression } from './metric-math.ts';
import type { MetricStore } from './metric-store.ts';
import { computeStatistic } from './statistics.ts';

export interface AlarmEvaluatorOptions {
  readonly alarms: readonly AlarmDefinition[];
  /** Where the datapoints come from: `LocalMetrics.store`. */
  readonly store: MetricStore;
  /** moto, for SetAlarmState and SNS. Without it, states live only in this process. */
  readonly aws?: AwsTarget;
  /** Multiplies every period: 0.01 makes a 60 s period last 0.6 s. Default 1. */
  readonly periodScale?: number;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  readonly now?: () => number;
  /** Receives one line per state change (and per action not taken). Default: stdout. */
  readonly print?: (line: string) => void;
}

/** One alarm's state as `GET /_local/alarms` shows it. */
export interface AlarmStatus {
  readonly alarmName: string;
  readonly logicalId: string;
  readonly state: AlarmState;
  readonly reason: string;
  /** ISO time of the last state change. */
  readonly stateUpdatedAt: string;
  /** ISO time of the last evaluation; undefined before the first. */
  readonly evaluatedAt?: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparisonOperator: string;
  readonly treatMissingData: string;
  /** The newest N period values, newest first; null where a period had no data. */
  readonly recentValues: ReadonlyArray<number | null>;
  /** Why this alarm is not evaluated; it then stays INSUFFICIENT_DATA. */
  readonly unsupported?: string;
}

export interface AlarmTransition {
  readonly alarmName: string;
  readonly oldState: AlarmState;
  readonly newState: AlarmState;
  readonly reason: string;
  readonly time: string;
  /** SNS topic ARNs the notification was published to. */
  readonly notified: readonly string[];
}

interface AlarmRecord {
  readonly alarm: AlarmDefinition;
  state: AlarmState;
  reason: string;
  stateUpdatedAt: number;
  evaluatedAt?: number;
  recentValues: Array<number | null>;
}

const INITIAL_REASON = 'Unchecked: Initial alarm creation';
/** Timers below this interval would only burn CPU. */
const MINIMUM_INTERVAL_MS = 20;

export class AlarmEvaluator {
  readonly #records: AlarmRecord[];
  readonly #store: MetricStore;
  readonly #scale: number;
  readonly #now: () => number;
  readonly #print: (line: string) => void;
  readonly #cloudwatch: CloudWatchClient | undefined;
  readonly #sns: SNSClient | undefined;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #listeners = new Set<(transition: AlarmTransition) => void>();
  /** Evaluations run one at a time, so timer ticks and `evaluateNow` never interleave. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: AlarmEvaluatorOptions) {
    this.#store = options.store;
    this.#scale = options.periodScale ?? 1;
    this.#now = options.now ?? Date.now;
    this.#print = options.print ?? ((line) => process.stdout.write(`${line}\n`));
    const started = this.#now();
    this.#records = options.alarms.map((alarm) => ({
      alarm,
      state: 'INSUFFICIENT_DATA',
      reason: alarm.unsupported === undefined ? INITIAL_REASON : `Unsupported locally: ${alarm.unsupported}`,
      stateUpdatedAt: started,
      recentValues: [],
    }));
    if (options.aws !== undefined) {
      const config = { endpoint: options.aws.endpoint, region: options.aws.region, credentials: { ...options.aws.credentials } };
      this.#cloudwatch = new CloudWatchClient(config);
      this.#sns = new SNSClient(config);
    }
  }

  /**
   * Puts every alarm in moto to INSUFFICIENT_DATA (AWS's initial state; moto starts at OK) and
   * starts one timer per supported alarm, firing every minute (or every period, when shorter)
   * × `periodScale`, as CloudWatch re-evaluates its sliding window every minute.
   */
  async start(): Promise<void> {
    await Promise.all(this.#records.map((record) => this.#setMotoState(record.alarm, 'INSUFFICIENT_DATA', record.reason)));
    for (const record of this.#records) {
      if (record.alarm.unsupported !== undefined) {
        this.#print(`alarm ${record.alarm.alarmName}: not evaluated locally: ${record.alarm.unsupported}`);
        continue;
      }
      // CloudWatch evaluates every minute over a sliding window (sooner for high-resolution periods).
      const interval = Math.max(MINIMUM_INTERVAL_MS, Math.min(record.alarm.periodSeconds, 60) * 1000 * this.#scale);
      const timer = setInterval(() => void this.#enqueue(() => this.#evaluate(record)).catch((error: unknown) => this.#print(`alarm ${record.alarm.alarmName}: evaluation failed: ${String(error)}`)), interval);
      timer.unref();
      this.#timers.push(timer);
    }
  }

  /** Evaluates every supported alarm now; resolves with the state changes it made. */
  evaluateNow(): Promise<AlarmTransition[]> {
    return this.#enqueue(async () => {
      const transitions: AlarmTransition[] = [];
      for (const record of this.#records) {
        if (record.alarm.unsupported !== undefined) continue;
        const transition = await this.#evaluate(record);
        if (transition !== undefined) transitions.push(transition);
      }
      return transitions;
    });
  }

  alarmStates(): AlarmStatus[] {
    return this.#records.map(({ alarm, state, reason, stateUpdatedAt, evaluatedAt, recentValues }) => ({
      alarmName: alarm.alarmName,
      logicalId: alarm.logicalId,
      state,
      reason,
      stateUpdatedAt: new Date(stateUpdatedAt).toISOString(),
      evaluatedAt: evaluatedAt === undefined ? undefined : new Date(evaluatedAt).toISOString(),
      periodSeconds: alarm.periodSeconds,
      evaluationPeriods: alarm.rule.evaluationPeriods,
      datapointsToAlarm: alarm.rule.datapointsToAlarm,
      threshold: alarm.rule.threshold,
      comparisonOperator: alarm.rule.comparisonOperator,
      treatMissingData: alarm.rule.treatMissingData,
      recentValues,
      unsupported: alarm.unsupported,
    }));
  }

  /** Called after every state change; returns the unsubscribe function. */
  onTransition(listener: (transition: AlarmTransition) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops the timers, waits for a running evaluation, closes the clients. */
  async stop(): Promise<void> {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    await this.#queue.catch(() => undefined);
    this.#cloudwatch?.destroy();
    this.#sns?.destroy();
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #evaluate(record: AlarmRecord): Promise<AlarmTransition | undefined> {
    const { alarm } = record;
    const now = this.#now();
    const periods = this.#periodValues(alarm, now);
    const outcome = evaluatePeriods(alarm.rule, periods, record.state);
    record.evaluatedAt = now;
    record.recentValues = periods.map((period) => period.value ?? null);
    if (outcome.state === record.state) return undefined;
    const oldState = record.state;
    record.state = outcome.state;
    record.reason = outcome.reason;
    record.stateUpdatedAt = now;
    const time = new Date(now);
    await this.#setMotoState(alarm, outcome.state, outcome.reason, outcome.reasonData);
    const notified = await this.#notify(alarm, oldState, outcome.state, outcome.reason, time);
    const transition: AlarmTransition = { alarmName: alarm.alarmName, oldState, newState: outcome.state, reason: outcome.reason, time: time.toISOString(), notified };
    this.#print(`${transition.time} alarm ${alarm.alarmName}: ${oldState} → ${outcome.state}: ${outcome.reason}`);
    for (const listener of this.#listeners) listener(transition);
    return transition;
  }

  /** The newest N period values, newest first. */
  #periodValues(alarm: AlarmDefinition, now: number): PeriodValue[] {
    const windows = periodWindows(now, alarm.periodSeconds * 1000 * this.#scale, alarm.rule.evaluationPeriods);
    const statistic = (metric: MetricStatSource, from: number, to: number) => computeStatistic(metric.statistic, this.#store.samples(metric.query, from, to));
    const source = alarm.source;
    return windows.map(({ from, to }) => {
      if (source === undefined) return { timestamp: from, value: undefined };
      if (source.kind === 'metric') return { timestamp: from, value: statistic(source.metric, from, to) };
      const values: Record<string, number | undefined> = {};
      for (const [id, metric] of source.metrics) values[id] = statistic(metric, from, to);
      return { timestamp: from, value: evaluateMathExpression(source.expression, values) };
    });
  }

  async #setMotoState(alarm: AlarmDefinition, state: AlarmState, reason: string, reasonData?: unknown): Promise<void> {
    if (this.#cloudwatch === undefined) return;
    try {
      await this.#cloudwatch.send(
        new SetAlarmStateCommand({
          AlarmName: alarm.alarmName,
          StateValue: state,
          StateReason: reason.slice(0, 1023),
          StateReasonData: reasonData === undefined ? undefined : JSON.stringify({ version: '1.0', ...reasonData }),
        }),
      );
    } catch (error) {
      this.#print(`alarm ${alarm.alarmName}: SetAlarmState in moto failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async #notify(alarm: AlarmDefinition, oldState: AlarmState, newState: AlarmState, reason: string, time: Date): Promise<string[]> {
    if (!alarm.actionsEnabled) return [];
    const actions = newState === 'ALARM' ? alarm.alarmActions : newState === 'OK' ? alarm.okActions : alarm.insufficientDataActions;
    if (actions.length === 0) return [];
    const { subject, message } = alarmNotification(alarm, oldState, newState, reason, time);
    const notified: string[] = [];
    for (const action of actions) {
      if (!action.startsWith('arn:aws:sns:')) {
        this.#print(`alarm ${alarm.alarmName}: action ${action} not taken locally (only SNS topics are notified)`);
        continue;
      }
      if (this.#sns === undefined) continue;
      try {
        await this.#sns.send(new PublishCommand({ TopicArn: action, Subject: subject, Message: JSON.stringify(message) }));
        notified.push(action);
      } catch (error) {
        this.#print(`alarm ${alarm.alarmName}: publishing to ${action} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return notified;
  }
}
