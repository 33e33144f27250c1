/**
 * What the chat app needs from the outside world, injected so tests can build it against the
 * embedded backend (and a slowed Bedrock mock), and the handler can build it from the environment.
 * @module
 */
import type { Kysely } from 'kysely';
import type { BedrockClient } from '#shared/bedrock/bedrock-client.ts';
import type { PhiCipher } from '#shared/crypto/index.ts';
import type { Database } from '#shared/db/schema.ts';
import type { RequireAuthOptions } from '#shared/http/middleware/require-auth.ts';
import type { ChatConfig } from './chat-config.ts';

export interface ChatDependencies {
  db: Kysely<Database>;
  /** Decrypts the result and the conversation, encrypts new messages (`chat_messages.text_enc`). */
  cipher: PhiCipher;
  /** Calls the chat model (documentType `chat`: model, output-token cap and cost recording are its part). */
  bedrock: BedrockClient;
  chat: ChatConfig;
  accessTokens: RequireAuthOptions;
}
