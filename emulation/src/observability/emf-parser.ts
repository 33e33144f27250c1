/**
 * Turns a CloudWatch Embedded Metric Format log line into metric data, as CloudWatch Logs does
 * for a Lambda's log events: every directive in `_aws.CloudWatchMetrics`, every dimension set
 * (an empty set list means one series without dimensions), each metric's unit and storage
 * resolution, a single value or an array of values, and `_aws.Timestamp`. Lines that are not
 * EMF give undefined; EMF lines with errors give the valid metrics and a list of problems,
 * where CloudWatch would drop the invalid ones silently.
 * @module
 */
import type { MetricDatum } from './metric-datum.ts';

export interface EmfParseResult {
  readonly metrics: MetricDatum[];
  readonly problems: string[];
}

interface EmfMetricDefinition {
  Name?: unknown;
  Unit?: unknown;
  StorageResolution?: unknown;
}

interface EmfDirective {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: unknown;
}

/** CloudWatch's limits: at most 100 values per metric in one EMF event, 30 dimensions per set. */
const MAX_VALUES = 100;
const MAX_DIMENSIONS = 30;

/** `line`: the text a function wrote, or that line already parsed (the runtime's `FunctionLogLine.json`). */
export function parseEmfLine(line: string | Readonly<Record<string, unknown>>): EmfParseResult | undefined {
  const root = typeof line === 'string' ? parseJsonObject(line) : line;
  if (root === undefined) return undefined;
  const aws = root._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (aws === null || typeof aws !== 'object' || !Array.isArray(aws.CloudWatchMetrics)) return undefined;
  const problems: string[] = [];
  const metrics: MetricDatum[] = [];
  const timestamp = typeof aws.Timestamp === 'number' ? aws.Timestamp : Date.now();
  if (typeof aws.Timestamp !== 'number') problems.push('_aws.Timestamp is missing or not a number; using the time of ingestion');
  for (const directive of aws.CloudWatchMetrics as EmfDirective[]) {
    if (typeof directive.Namespace !== 'string' || directive.Namespace === '') {
      problems.push('a directive has no Namespace');
      continue;
    }
    const dimensionSets = Array.isArray(directive.Dimensions) ? (directive.Dimensions as unknown[]) : [];
    const sets: Array<Record<string, string>> = [];
    for (const set of dimensionSets.length === 0 ? [[]] : dimensionSets) {
      const dimensions = dimensionSet(set, root, problems);
      if (dimensions !== undefined) sets.push(dimensions);
    }
    for (const definition of Array.isArray(directive.Metrics) ? (directive.Metrics as EmfMetricDefinition[]) : []) {
      if (typeof definition.Name !== 'string') {
        problems.push(`a metric of ${directive.Namespace} has no Name`);
        continue;
      }
      const values = metricValues(root[definition.Name]);
      if (values === undefined) {
        problems.push(`${directive.Namespace}/${definition.Name}: the value is missing or not a number (or a list of at most ${MAX_VALUES} numbers)`);
        continue;
      }
      for (const dimensions of sets) {
        metrics.push({
          namespace: directive.Namespace,
          metricName: definition.Name,
          dimensions,
          unit: typeof definition.Unit === 'string' ? definition.Unit : undefined,
          values,
          timestamp,
          storageResolution: definition.StorageResolution === 1 ? 1 : undefined,
        });
      }
    }
  }
  return { metrics, problems };
}

function parseJsonObject(line: string): Readonly<Record<string, unknown>> | undefined {
  const text = line.trim();
  if (!text.startsWith('{') || !text.includes('"_aws"')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function dimensionSet(set: unknown, root: Readonly<Record<string, unknown>>, problems: string[]): Record<string, string> | undefined {
  if (!Array.isArray(set) || set.length > MAX_DIMENSIONS) {
    problems.push(`a dimension set is not a list of at most ${MAX_DIMENSIONS} keys`);
    return undefined;
  }
  const dimensions: Record<string, string> = {};
  for (const key of set as unknown[]) {
    const value = typeof key === 'string' ? root[key] : undefined;
    if (typeof value !== 'string') {
      problems.push(`dimension ${String(key)} has no string value in the log line`);
      return undefined;
    }
    dimensions[key as string] = value;
  }
  return dimensions;
}

function metricValues(value: unknown): number[] | undefined {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0 || list.length > MAX_VALUES || !list.every((item) => typeof item === 'number' && Number.isFinite(item))) return undefined;
  return list as number[];
}
