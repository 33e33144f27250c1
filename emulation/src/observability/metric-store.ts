/**
 * The metrics the alarm evaluator reads, kept in this process. Not moto's GetMetricStatistics,
 * because moto matches dimensions loosely (an alarm on {Category} would also count the
 * {Category, RecoveryStrategy} series that the same EMF line writes, doubling the sum) and
 * returns nothing for percentiles (MOTO.md §6). Fed by the same stream that goes to moto, so
 * both hold the same data. Keeps `retentionMs` of history.
 * @module
 */
import { seriesKey, type MetricDatum } from './metric-datum.ts';
import type { Samples } from './statistics.ts';

export interface MetricQuery {
  readonly namespace: string;
  readonly metricName: string;
  /** Matched exactly, as CloudWatch does: the series with precisely this dimension set. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** When set, only data recorded with this unit. */
  readonly unit?: string;
}

interface StoredSample extends Samples {
  readonly timestamp: number;
  readonly unit: string;
}

export class MetricStore {
  readonly #series = new Map<string, StoredSample[]>();
  readonly #retentionMs: number;

  /** @param retentionMs how long samples are kept (default 3 hours: the longest alarm window locally). */
  constructor(retentionMs = 3 * 60 * 60 * 1000) {
    this.#retentionMs = retentionMs;
  }

  record(datum: MetricDatum): void {
    const key = seriesKey(datum.namespace, datum.metricName, datum.dimensions);
    let samples = this.#series.get(key);
    if (samples === undefined) {
      samples = [];
      this.#series.set(key, samples);
    }
    samples.push({ timestamp: datum.timestamp, unit: datum.unit ?? 'None', values: datum.values, counts: datum.counts });
    const oldest = datum.timestamp - this.#retentionMs;
    while (samples.length > 0 && samples[0]!.timestamp < oldest) samples.shift();
  }

  /** The samples of one series with `from <= timestamp < to`. */
  samples(query: MetricQuery, from: number, to: number): Samples[] {
    const samples = this.#series.get(seriesKey(query.namespace, query.metricName, query.dimensions)) ?? [];
    return samples.filter((sample) => sample.timestamp >= from && sample.timestamp < to && (query.unit === undefined || sample.unit === query.unit));
  }
}
