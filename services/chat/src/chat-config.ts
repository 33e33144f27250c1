/**
 * The chat service's own settings: how long one chat request may take in all (the model call's
 * deadline derives from it, so a slow model answers 504 before API Gateway's 30 s cut) and how
 * many earlier messages of the conversation go to the model as context.
 *
 * @example
 * ```ts
 * readChatConfig({ CHAT_REQUEST_BUDGET_MS: '2000' }); // { requestBudgetMs: 2000, historyMessages: 10 }
 * ```
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from '#shared/config/load-config.ts';

const schema = z
  .object({
    // 28 s leaves API Gateway's 30 s integration limit room for the response to travel.
    CHAT_REQUEST_BUDGET_MS: z.coerce.number().int().min(1_000).max(900_000).default(28_000),
    CHAT_HISTORY_MESSAGES: z.coerce.number().int().min(0).max(50).default(10),
  })
  .transform((env) => ({ requestBudgetMs: env.CHAT_REQUEST_BUDGET_MS, historyMessages: env.CHAT_HISTORY_MESSAGES }));

export type ChatConfig = z.output<typeof schema>;

export function readChatConfig(env?: Environment): ChatConfig {
  return loadConfig('chat', schema, env);
}

export const chatConfig = once(() => readChatConfig());
