/**
 * One metric observation as the emulator passes it around: what `PutMetricData` takes, with
 * dimensions as a plain record. EMF lines, the AWS service emitters and tests all produce these;
 * the CloudWatch publisher and the in-process store consume them.
 * @module
 */
export interface MetricDatum {
  readonly namespace: string;
  readonly metricName: string;
  /** One dimension set: CloudWatch stores one series per distinct set. Empty for none. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** A CloudWatch unit name (`Count`, `Milliseconds`…). Undefined reads as `None`. */
  readonly unit?: string;
  /** One or more values, each observed `counts[i]` times (default once). */
  readonly values: readonly number[];
  readonly counts?: readonly number[];
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  /** 1 for high resolution, 60 (default) for standard. */
  readonly storageResolution?: number;
}

/** A stable key for one series: namespace, name and the sorted dimension set. */
export function seriesKey(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>): string {
  const sorted = Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([namespace, metricName, sorted]);
}
