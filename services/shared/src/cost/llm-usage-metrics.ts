/**
 * The `Serenya/LLM` metrics of every model call, as EMF lines (ORIGINAL-DESIGN.md
 * `trackLLMUsage`, with Powertools EMF instead of PutMetricData):
 *
 * | metric | unit | dimension sets |
 * |---|---|---|
 * | InputTokens, OutputTokens | Count | {Provider, ModelId, DocumentType}, {Provider} |
 * | TotalCost (US cents) | Count | {Provider, ModelId}, {Provider} |
 * | ProcessingTime | Milliseconds | {DocumentType} |
 * | CostWriteFailures | Count | {Provider} |
 *
 * The `{Provider}` sets are the design's own: its dashboard plots `InputTokens`, `OutputTokens`
 * and `TotalCost` by `Provider` alone, and CloudWatch only finds a series whose dimensions match
 * exactly. The cost alarm (`TotalCost` summed per hour) can use that series too.
 *
 * @example
 * ```ts
 * emitLlmUsageMetrics(event); // four EMF lines on stdout
 * emitCostWriteFailure('bedrock');
 * ```
 * @module
 */
import { emitMetric, MetricNamespace } from '../observability/metrics.ts';
import type { LlmUsageEvent } from './cost-record.ts';

/**
 * Emits InputTokens, OutputTokens, TotalCost and ProcessingTime for one call.
 *
 * @example
 * ```ts
 * emitLlmUsageMetrics({ ...event, costCents: 0.99 }); // TotalCost 0.99 {Provider: 'bedrock', ModelId: …}
 * ```
 */
export function emitLlmUsageMetrics(event: LlmUsageEvent): void {
  const provider = { Provider: event.provider };
  const byModel = { ...provider, ModelId: event.modelId };
  const byDocument = { ...byModel, DocumentType: event.documentType };
  const namespace = MetricNamespace.llm;
  emitMetric({ namespace, name: 'InputTokens', unit: 'Count', value: event.usage.inputTokens, dimensionSets: [byDocument, provider] });
  emitMetric({ namespace, name: 'OutputTokens', unit: 'Count', value: event.usage.outputTokens, dimensionSets: [byDocument, provider] });
  emitMetric({ namespace, name: 'TotalCost', unit: 'Count', value: event.costCents, dimensionSets: [byModel, provider] });
  emitMetric({
    namespace,
    name: 'ProcessingTime',
    unit: 'Milliseconds',
    value: event.processingTimeMs,
    dimensionSets: [{ DocumentType: event.documentType }],
  });
}

/**
 * Counts one cost record that could not be written.
 *
 * @example
 * ```ts
 * emitCostWriteFailure('bedrock'); // CostWriteFailures 1 {Provider: 'bedrock'}
 * ```
 */
export function emitCostWriteFailure(provider: LlmUsageEvent['provider']): void {
  emitMetric({ namespace: MetricNamespace.llm, name: 'CostWriteFailures', unit: 'Count', value: 1, dimensionSets: [{ Provider: provider }] });
}
