/**
 * The Bedrock Runtime client. Region from config; endpoint from the environment (see
 * `clients.ts`); locally `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` points it at the Bedrock mock.
 *
 * @example
 * ```ts
 * const output = await bedrockRuntimeClient().send(new ConverseCommand(input));
 * ```
 * @module
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { awsConfig } from '../config/aws-config.ts';
import { once } from '../config/load-config.ts';

/**
 * A new Bedrock Runtime client: adaptive retries with at most 2 extra attempts (BEDROCK.md
 * §3.4). Adaptive mode retries what standard mode retries (throttling, 5xx, network) and, after
 * throttles, also rate-limits this client's later calls, so one container backs off as a whole.
 *
 * @example
 * ```ts
 * vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', mockUrl);
 * const runtime = createBedrockRuntimeClient();
 * ```
 */
export function createBedrockRuntimeClient(): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ region: awsConfig().region, retryMode: 'adaptive', maxAttempts: 3 });
}

/**
 * The process's Bedrock Runtime client. Pure: a bundle that never calls it drops it.
 *
 * @example
 * ```ts
 * const output = await bedrockRuntimeClient().send(new ConverseCommand(input));
 * ```
 */
export const bedrockRuntimeClient = /* @__PURE__ */ once(createBedrockRuntimeClient);
