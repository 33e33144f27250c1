/**
 * The region every AWS client uses. Endpoints are not configured here on purpose: the SDK
 * reads `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` itself, which is how the local
 * emulator is reached without the services knowing about it.
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from './load-config.ts';

const schema = z
  .object({ AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a region name such as eu-west-1').default('eu-west-1') })
  .transform((env) => ({ region: env.AWS_REGION }));

export type AwsConfig = z.output<typeof schema>;

export function readAwsConfig(env?: Environment): AwsConfig {
  return loadConfig('AWS', schema, env);
}

export const awsConfig = once(() => readAwsConfig());
