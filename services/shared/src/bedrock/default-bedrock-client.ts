/**
 * The process's Bedrock client, wired from the environment: the shared Bedrock Runtime client
 * (endpoint from `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` / `AWS_ENDPOINT_URL` when set), the Bedrock
 * settings, and a cost recorder on `COST_TABLE_NAME`. Built on first use and kept for the life
 * of the Lambda container, so the `bedrock` breaker's state is shared by its invocations.
 *
 * @example
 * ```ts
 * import { bedrockClient } from '#shared/bedrock/default-bedrock-client.ts';
 * const { text } = await bedrockClient().converse(request, ctx);
 * ```
 * @module
 */
import { bedrockRuntimeClient, dynamoDbDocumentClient } from '../aws/clients.ts';
import { bedrockConfig } from '../config/bedrock-config.ts';
import { costConfig } from '../config/cost-config.ts';
import { once } from '../config/load-config.ts';
import { createCostRecorder } from '../cost/cost-recorder.ts';
import { createBedrockClient } from './bedrock-client.ts';

/**
 * The process's {@link BedrockClient}; throws a ConfigError naming the variable on bad config.
 *
 * @example
 * ```ts
 * const stream = await bedrockClient().converseStream(request, ctx);
 * ```
 */
export const bedrockClient = once(() => {
  const { tableName, ttlDays } = costConfig();
  return createBedrockClient({
    runtime: bedrockRuntimeClient(),
    config: bedrockConfig(),
    costRecorder: createCostRecorder({ documentClient: dynamoDbDocumentClient(), tableName, ttlDays }),
  });
});
