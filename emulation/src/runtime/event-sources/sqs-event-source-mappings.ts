/**
 * The template's SQS `AWS::Lambda::EventSourceMapping`s, run by {@link createSqsEventSource}
 * against the provisioned queues (moto locally): batch size, `ReportBatchItemFailures`, the
 * function's timeout, and the queue's own visibility timeout and redrive policy (moto moves a
 * message to the DLQ after `maxReceiveCount` receives, see MOTO.md, so the poller does not).
 * A throttled or failed invocation fails the whole batch: the messages reappear after the
 * visibility timeout, as when Lambda's poller backs off and retries.
 *
 * `MaximumBatchingWindowInSeconds` tops a partial batch up until it is full or the window has
 * passed. Differences, on purpose: batches are at most 10 (one ReceiveMessage); pollers are
 * `ScalingConfig.MaximumConcurrency`, else the reserved concurrency, else 2; capped at 5.
 * @module
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { referencedLogicalId, type IntrinsicResolver } from '../../template/intrinsic-resolver.ts';
import { eventSourceMappings } from '../../template/template-resources.ts';
import type { CfnTemplate, ProvisionedResources } from '../../template/template-types.ts';
import type { LocalFunction } from '../functions/local-function.ts';
import { createSqsEventSource, type SqsEventSource, type SqsEventSourceStage } from '../sqs-event-source.ts';
import type { SqsBatchResponse } from '../sqs-event.ts';

export interface SqsMappingDefinition {
  readonly logicalId: string;
  readonly functionLogicalId: string;
  readonly queueArn: string;
  readonly queueUrl: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowMs: number;
  readonly reportBatchItemFailures: boolean;
  readonly pollers: number;
  readonly enabled: boolean;
}

/** Lambda's default batch size for SQS. */
const DEFAULT_BATCH_SIZE = 10;
const MAX_LOCAL_POLLERS = 5;

/**
 * @example
 * ```ts
 * const mappings = sqsMappingsFromTemplate(template, resolver, provisioned, functions);
 * ```
 */
export function sqsMappingsFromTemplate(
  template: CfnTemplate,
  resolver: IntrinsicResolver,
  provisioned: ProvisionedResources,
  functions: ReadonlyMap<string, LocalFunction>,
): SqsMappingDefinition[] {
  const mappings: SqsMappingDefinition[] = [];
  for (const { logicalId, properties } of eventSourceMappings(template)) {
    const queueArn = resolver.resolveString(properties.EventSourceArn, { logicalId, property: 'EventSourceArn' });
    if (!queueArn.startsWith('arn:') || queueArn.split(':')[2] !== 'sqs') continue;
    const queue = [...provisioned.values()].find((resource) => resource.type === 'AWS::SQS::Queue' && resource.attributes.Arn === queueArn);
    if (queue === undefined) throw new Error(`cannot resolve ${logicalId}.EventSourceArn: no provisioned queue has the ARN ${queueArn}`);
    const functionName = resolver.resolveString(properties.FunctionName, { logicalId, property: 'FunctionName' });
    const functionLogicalId =
      [...functions.values()].find((fn) => fn.definition.functionName === functionName || fn.definition.arn === functionName)?.definition.logicalId ??
      referencedLogicalId(properties.FunctionName);
    const fn = functionLogicalId === undefined ? undefined : functions.get(functionLogicalId);
    if (fn === undefined) throw new Error(`cannot resolve ${logicalId}.FunctionName: ${functionName} is not a local function`);
    mappings.push({
      logicalId,
      functionLogicalId: fn.definition.logicalId,
      queueArn,
      queueUrl: queue.ref,
      batchSize: Math.min(properties.BatchSize ?? DEFAULT_BATCH_SIZE, 10),
      maximumBatchingWindowMs: (properties.MaximumBatchingWindowInSeconds ?? 0) * 1000,
      reportBatchItemFailures: (properties.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
      pollers: Math.max(1, Math.min(properties.ScalingConfig?.MaximumConcurrency ?? fn.definition.reservedConcurrency ?? 2, MAX_LOCAL_POLLERS)),
      enabled: properties.Enabled ?? true,
    });
  }
  return mappings;
}

export interface RunningSqsMappings {
  readonly sources: ReadonlyMap<string, SqsEventSource>;
  stop(): Promise<void>;
}

/** Failed invocations become thrown errors, so the event source fails the whole batch. */
class InvocationFailed extends Error {
  override name = 'InvocationFailed';
}

/**
 * Starts a poller set per enabled mapping.
 *
 * @example
 * ```ts
 * const running = await startSqsMappings(mappings, { sqs, functions, region });
 * await running.stop();
 * ```
 */
export async function startSqsMappings(
  mappings: readonly SqsMappingDefinition[],
  options: {
    sqs: Pick<SQSClient, 'send'>;
    functions: ReadonlyMap<string, LocalFunction>;
    region: string;
    waitTimeSeconds?: number;
    failureVisibilityTimeoutSeconds?: number;
    onError?: (mapping: SqsMappingDefinition, error: unknown, during: SqsEventSourceStage) => void;
  },
): Promise<RunningSqsMappings> {
  const sources = new Map<string, SqsEventSource>();
  for (const mapping of mappings.filter((candidate) => candidate.enabled)) {
    const fn = options.functions.get(mapping.functionLogicalId);
    if (fn === undefined) continue;
    const source = createSqsEventSource({
      sqs: options.sqs,
      queueUrl: mapping.queueUrl,
      eventSourceArn: mapping.queueArn,
      region: options.region,
      batchSize: mapping.batchSize,
      maximumBatchingWindowMs: mapping.maximumBatchingWindowMs,
      concurrency: mapping.pollers,
      functionName: fn.definition.functionName,
      // The local function enforces its own timeout; this only guards against a lost answer.
      functionTimeoutMs: fn.definition.timeoutMs + 5_000,
      waitTimeSeconds: options.waitTimeSeconds ?? 1,
      ...(options.failureVisibilityTimeoutSeconds === undefined ? {} : { failureVisibilityTimeoutSeconds: options.failureVisibilityTimeoutSeconds }),
      onError: (error, during) => options.onError?.(mapping, error, during),
      handler: async (event) => {
        const result = await fn.invoke(event);
        if (result.outcome !== 'success') throw new InvocationFailed(`${fn.definition.functionName}: ${result.outcome} ${result.error?.errorType ?? ''} ${result.error?.errorMessage ?? ''}`.trim());
        // Without ReportBatchItemFailures, any answer means the whole batch succeeded.
        return mapping.reportBatchItemFailures ? (result.payload as SqsBatchResponse | undefined) : undefined;
      },
    });
    await source.start();
    sources.set(mapping.logicalId, source);
  }
  return {
    sources,
    stop: async () => {
      await Promise.all([...sources.values()].map((source) => source.stop()));
    },
  };
}
