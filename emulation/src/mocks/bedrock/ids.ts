/**
 * Identifiers shaped like the real service's: request ids are UUIDs; Anthropic message and
 * tool-use ids are `msg_bdrk_01…` / `toolu_bdrk_01…` (22 base62 characters after `01`);
 * Converse tool-use ids are `tooluse_` plus 22 base64url characters.
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += BASE62[byte % BASE62.length];
  return out;
}

/**
 * `x-amzn-requestid`.
 *
 * @example
 * ```ts
 * newRequestId(); // '5d8f2a1e-…'
 * ```
 */
export function newRequestId(): string {
  return randomUUID();
}

/**
 * An Anthropic message id as Bedrock returns it.
 *
 * @example
 * ```ts
 * newMessageId(); // 'msg_bdrk_01XpcPp5Fu3AC5J8ZtPtnQ5x'-like
 * ```
 */
export function newMessageId(): string {
  return `msg_bdrk_01${base62(22)}`;
}

/**
 * InvokeModel's tool-use id.
 *
 * @example
 * ```ts
 * newAnthropicToolUseId(); // 'toolu_bdrk_01…'
 * ```
 */
export function newAnthropicToolUseId(): string {
  return `toolu_bdrk_01${base62(22)}`;
}

/**
 * Converse's tool-use id.
 *
 * @example
 * ```ts
 * newConverseToolUseId(); // 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q'-like
 * ```
 */
export function newConverseToolUseId(): string {
  return `tooluse_${randomBytes(16).toString('base64url').slice(0, 22)}`;
}
