/**
 * Each function's handler file, in one place: the CDK functions and `npm run bundle:size` read
 * the same list, so what is measured is what is deployed.
 *
 * @example
 * ```ts
 * FUNCTION_ENTRIES.processor; // 'services/processor/src/handler.ts'
 * ```
 * @module
 */
export const FUNCTION_ENTRIES = {
  auth: 'services/auth/src/handler.ts',
  documents: 'services/documents/src/handler.ts',
  chat: 'services/chat/src/handler.ts',
  'chat-stream': 'services/chat/src/stream-handler.ts',
  content: 'services/content/src/handler.ts',
  processor: 'services/processor/src/handler.ts',
  'stale-job-sweeper': 'services/processor/src/stale-job-sweeper-handler.ts',
} as const;

export type FunctionKey = keyof typeof FUNCTION_ENTRIES;
