import { describe, expect, it } from 'vitest';
import { emitMetric } from '../../../services/shared/src/observability/metrics.ts';
import { captureEmf } from '../../../services/shared/src/testing/capture-emf.ts';
import { parseEmfLine } from './emf-parser.ts';

describe('parseEmfLine', () => {
  it('reads what Powertools Metrics writes: one datum per dimension set, with unit, value and timestamp', () => {
    const capture = captureEmf();
    try {
      emitMetric({ namespace: 'Serenya/Errors', name: 'ErrorsByCategory', unit: 'Count', value: 1, dimensionSets: [{ Category: 'processing', RecoveryStrategy: 'retry' }, { Category: 'processing' }] });
    } finally {
      capture.restore();
    }
    const line = JSON.stringify(capture.lines[0]);
    const result = parseEmfLine(line);
    expect(result?.problems).toEqual([]);
    // captureEmf's type leaves Timestamp out; Powertools writes it.
    const timestamp = (capture.lines[0] as unknown as { _aws: { Timestamp: number } })._aws.Timestamp;
    expect(timestamp).toBeTypeOf('number');
    expect(result?.metrics).toEqual(
      expect.arrayContaining([
        { namespace: 'Serenya/Errors', metricName: 'ErrorsByCategory', dimensions: { Category: 'processing', RecoveryStrategy: 'retry' }, unit: 'Count', values: [1], timestamp, storageResolution: undefined },
        { namespace: 'Serenya/Errors', metricName: 'ErrorsByCategory', dimensions: { Category: 'processing' }, unit: 'Count', values: [1], timestamp, storageResolution: undefined },
      ]),
    );
  });

  it('takes value arrays, several directives, no dimensions, and high resolution', () => {
    const line = JSON.stringify({
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [
          { Namespace: 'A', Dimensions: [], Metrics: [{ Name: 'Latency', Unit: 'Milliseconds', StorageResolution: 1 }] },
          { Namespace: 'B', Dimensions: [['Service']], Metrics: [{ Name: 'Tokens' }] },
        ],
      },
      Service: 'chat',
      Latency: [12, 15, 40],
      Tokens: 300,
    });
    expect(parseEmfLine(line)?.metrics).toEqual([
      { namespace: 'A', metricName: 'Latency', dimensions: {}, unit: 'Milliseconds', values: [12, 15, 40], timestamp: 1_700_000_000_000, storageResolution: 1 },
      { namespace: 'B', metricName: 'Tokens', dimensions: { Service: 'chat' }, unit: undefined, values: [300], timestamp: 1_700_000_000_000, storageResolution: undefined },
    ]);
  });

  it('ignores lines that are not EMF and reports what is wrong in broken EMF', () => {
    expect(parseEmfLine('START RequestId: 1')).toBeUndefined();
    expect(parseEmfLine('{"level":"INFO","message":"hi"}')).toBeUndefined();
    expect(parseEmfLine('{"_aws": nope')).toBeUndefined();
    const result = parseEmfLine(
      JSON.stringify({ _aws: { Timestamp: 1, CloudWatchMetrics: [{ Namespace: 'A', Dimensions: [['Missing']], Metrics: [{ Name: 'X' }, { Name: 'Y' }] }] }, X: 'not a number', Y: 2 }),
    );
    expect(result?.metrics).toEqual([]);
    expect(result?.problems).toEqual(['dimension Missing has no string value in the log line', 'A/X: the value is missing or not a number (or a list of at most 100 numbers)']);
  });
});
