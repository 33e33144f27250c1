/**
 * The `chat_messages` store: every text envelope-encrypted, bound to its owner, table, row and
 * column (`chat_messages`/`text_enc`), decrypted in memory only. A conversation is the messages of
 * one user about one content, ordered by time (a user message before its answer on a tie).
 * @module
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { PhiCipher, PhiContext } from '#shared/crypto/index.ts';
import type { ChatRole, Database } from '#shared/db/schema.ts';

export const CHAT_MESSAGES_TABLE = 'chat_messages';

export interface ChatMessage {
  id: string;
  role: ChatRole;
  text: string;
  createdAt: Date;
}

/** One message to store: ids and times are chosen before, so the two texts encrypt outside the transaction. */
export interface NewChatMessage {
  id: string;
  role: ChatRole;
  text: string;
  createdAt: Date;
  modelId?: string | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
}

export function textContext(userId: string, rowId: string): PhiContext {
  return { userId, table: CHAT_MESSAGES_TABLE, rowId, column: 'text_enc' };
}

export function newMessageId(): string {
  return randomUUID();
}

/**
 * The last `limit` messages of the conversation, oldest first, decrypted. Rows are read through
 * the owner's id, so another user's messages are never among them.
 */
export async function readConversation(db: Kysely<Database>, cipher: PhiCipher, userId: string, contentId: string, limit?: number): Promise<ChatMessage[]> {
  let query = db
    .selectFrom('chat_messages')
    .select(['id', 'user_id', 'role', 'text_enc', 'created_at'])
    .where('user_id', '=', userId)
    .where('content_id', '=', contentId)
    // Newest first for the limit; 'user' > 'assistant', so on a tie the answer counts as newer.
    .orderBy('created_at', 'desc')
    .orderBy(sql`role = 'user'`, 'asc')
    .orderBy('id', 'desc');
  if (limit !== undefined) query = query.limit(limit);
  const rows = (await query.execute()).reverse();
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      role: row.role,
      text: await cipher.decrypt(row.text_enc, textContext(row.user_id, row.id)),
      createdAt: row.created_at,
    })),
  );
}

/**
 * Encrypts the messages, then inserts them in one transaction: a conversation never holds a
 * question without its answer.
 */
export async function storeMessages(db: Kysely<Database>, cipher: PhiCipher, userId: string, contentId: string, messages: readonly NewChatMessage[]): Promise<void> {
  const rows = await Promise.all(
    messages.map(async (message) => ({
      id: message.id,
      user_id: userId,
      content_id: contentId,
      role: message.role,
      text_enc: await cipher.encrypt(message.text, textContext(userId, message.id)),
      model_id: message.modelId ?? null,
      input_tokens: message.inputTokens ?? null,
      output_tokens: message.outputTokens ?? null,
      created_at: message.createdAt,
    })),
  );
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('chat_messages').values(rows).execute();
  });
}
