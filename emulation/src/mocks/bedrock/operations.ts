/**
 * The four Bedrock Runtime operations the mock serves, keyed by the last path segment the
 * SDKs call (`POST /model/{modelId}/<action>`).
 * @see /work/shared/docs/BEDROCK.md §2.3
 * @module
 */

export const BEDROCK_OPERATIONS = ['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream'] as const;
export type BedrockOperation = (typeof BEDROCK_OPERATIONS)[number];

/** Path action → operation. */
export const OPERATION_BY_ACTION: Readonly<Record<string, BedrockOperation>> = {
  invoke: 'InvokeModel',
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
  converse: 'Converse',
  'converse-stream': 'ConverseStream',
};

/**
 * True for the operations that answer with an event stream.
 *
 * @example
 * ```ts
 * isStreamingOperation('ConverseStream'); // true
 * ```
 */
export function isStreamingOperation(operation: BedrockOperation): operation is 'InvokeModelWithResponseStream' | 'ConverseStream' {
  return operation === 'InvokeModelWithResponseStream' || operation === 'ConverseStream';
}
