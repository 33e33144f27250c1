import { describe, expect, it } from 'vitest';
import { readChatConfig } from './chat-config.ts';

describe('readChatConfig', () => {
  it("defaults to a request budget inside API Gateway's 30 s integration limit and a 10-message history", () => {
    const config = readChatConfig({});
    expect(config).toEqual({ requestBudgetMs: 28_000, historyMessages: 10 });
    expect(config.requestBudgetMs).toBeLessThan(30_000);
  });

  it('reads both settings and rejects nonsense', () => {
    expect(readChatConfig({ CHAT_REQUEST_BUDGET_MS: '2000', CHAT_HISTORY_MESSAGES: '4' })).toEqual({ requestBudgetMs: 2_000, historyMessages: 4 });
    expect(() => readChatConfig({ CHAT_REQUEST_BUDGET_MS: '10' })).toThrow();
    expect(() => readChatConfig({ CHAT_HISTORY_MESSAGES: '-1' })).toThrow();
  });
});
