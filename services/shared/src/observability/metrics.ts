/**
 * CloudWatch metrics as Embedded Metric Format lines, through Powertools Metrics.
 *
 * Every metric here is emitted at once (a Powertools single metric) with exactly the dimension
 * sets given, and without Powertools' default `service` dimension: CloudWatch alarms match
 * dimensions exactly, so what the code emits must be what the CDK alarms name.
 *
 * @example
 * ```ts
 * emitMetric({ namespace: MetricNamespace.errors, name: 'ErrorsByCategory', unit: 'Count', value: 1,
 *   dimensionSets: [{ Category: 'technical', RecoveryStrategy: 'retry' }, { Category: 'technical' }] });
 * ```
 * @module
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The metric namespaces Serenya emits into (ORIGINAL-DESIGN.md's dashboards and alarms). */
export const MetricNamespace = {
  errors: 'Serenya/Errors',
  llm: 'Serenya/LLM',
  documents: 'Serenya/Documents',
} as const;
export type MetricNamespace = (typeof MetricNamespace)[keyof typeof MetricNamespace];

export type MetricUnitName = keyof typeof MetricUnit;

export interface MetricPoint {
  namespace: MetricNamespace;
  name: string;
  unit: MetricUnitName;
  value: number;
  /** Each set becomes one EMF dimension set; CloudWatch stores one series per set. */
  dimensionSets: ReadonlyArray<Record<string, string>>;
}

// Powertools warns when a key sits in two dimension sets; that overlap is deliberate here.
const quietLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("EMF key")) return;
    console.warn(...args);
  },
  error: (...args: unknown[]) => console.error(...args),
};

const bases = new Map<string, Metrics>();

function baseFor(namespace: string): Metrics {
  let base = bases.get(namespace);
  if (!base) {
    base = new Metrics({ namespace, logger: quietLogger });
    bases.set(namespace, base);
  }
  return base;
}

/** Emits one metric point now, as one EMF line on stdout. */
export function emitMetric(point: MetricPoint): void {
  const single = baseFor(point.namespace).singleMetric();
  single.clearDefaultDimensions();
  for (const set of point.dimensionSets) single.addDimensions(set);
  single.addMetric(point.name, MetricUnit[point.unit], point.value);
}
