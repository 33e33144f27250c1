/**
 * Who a model call is for and how much time it may take: what every Bedrock call carries
 * besides the prompt, so that its cost lands on the right user and it never outlives the Lambda.
 *
 * @example
 * ```ts
 * const ctx: LlmCallContext = {
 *   userId, documentType: 'lab_results', requestId: c.get('requestId'),
 *   remainingTimeMs: () => lambdaContext.getRemainingTimeInMillis(),
 * };
 * ```
 * @module
 */

/**
 * What the call is about: a lab report's interpretation (the document model) or a chat answer
 * (the chat model). The `DocumentType` dimension of the `Serenya/LLM` metrics.
 */
export const LlmDocumentTypes = ['lab_results', 'chat'] as const;
export type LlmDocumentType = (typeof LlmDocumentTypes)[number];

/** The `Provider` of every call this package makes (ORIGINAL-DESIGN.md's `'bedrock' | 'mock'`). */
export const LLM_PROVIDER = 'bedrock';

/**
 * The per-call context of {@link BedrockClient.converse} and `converseStream`.
 *
 * @example
 * ```ts
 * await bedrock.converse(request, { userId: 'u-1', documentType: 'chat', requestId: 'r-1' });
 * ```
 */
export interface LlmCallContext {
  /** The Serenya user the call is made for (cost table partition key). An id, never a name. */
  userId: string;
  documentType: LlmDocumentType;
  /** The request (or job) id, for logs and the cost record. */
  requestId: string;
  /**
   * The Lambda's remaining time (`context.getRemainingTimeInMillis`). Without it only
   * `BEDROCK_TIMEOUT_MS` bounds the call.
   */
  remainingTimeMs?: () => number;
}
