import { describe, expect, it } from 'vitest';
import { percentile, StatsRecorder, summarise } from './stats.ts';

describe('summarise', () => {
  it('gives nearest-rank p50 and p99', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarise(samples)).toEqual({ count: 100, p50Ms: 50, p99Ms: 99 });
    expect(summarise([])).toEqual({ count: 0, p50Ms: null, p99Ms: null });
    expect(percentile([5], 0.99)).toBe(5);
  });
});

describe('StatsRecorder', () => {
  it('counts requests, errors, tokens and latency per operation', () => {
    const stats = new StatsRecorder();
    stats.request('Converse');
    stats.request('Converse');
    stats.request('ConverseStream');
    stats.error('ThrottlingException', true);
    stats.error('ValidationException', false);
    stats.tokens(100, 20);
    stats.completed('Converse', 10);
    stats.completed('Converse', 30);
    stats.completed('ConverseStream', 20);

    const snapshot = stats.snapshot();
    expect(snapshot.requests).toEqual({ InvokeModel: 0, InvokeModelWithResponseStream: 0, Converse: 2, ConverseStream: 1 });
    expect(snapshot.errors).toEqual({ ThrottlingException: 1, ValidationException: 1 });
    expect(snapshot.errorsInjected).toEqual({ ThrottlingException: 1 });
    expect(snapshot.tokens).toEqual({ input: 100, output: 20 });
    expect(snapshot.latency).toMatchObject({ count: 3, p50Ms: 20, p99Ms: 30 });
    expect(snapshot.latency.byOperation.Converse).toEqual({ count: 2, p50Ms: 10, p99Ms: 30 });
  });
});
