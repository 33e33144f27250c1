/**
 * The Bedrock Runtime mock for local runs, tests and load runs. See README.md beside this file.
 * @module
 */
export { startBedrockMock, type BedrockMock, type BedrockMockOptions } from './server.ts';
export {
  DEFAULT_BEHAVIOUR,
  behaviourFromEnvironment,
  mergeBehaviour,
  mockBehaviourPatchSchema,
  type ErrorBehaviour,
  type LatencyBehaviour,
  type MockBehaviour,
  type MockBehaviourPatch,
} from './behaviour.ts';
export { BEDROCK_ERROR_TYPES, STREAM_EXCEPTION_MEMBERS, type BedrockErrorType } from './errors.ts';
export { BEDROCK_OPERATIONS, type BedrockOperation } from './operations.ts';
export { defaultModelIds } from './models.ts';
export { decodeEventStream, type DecodedEvent } from './event-stream.ts';
export { IMAGE_INPUT_TOKENS, imageInputTokens } from './token-count.ts';
export type { BedrockMockStats, LatencySummary } from './stats.ts';
