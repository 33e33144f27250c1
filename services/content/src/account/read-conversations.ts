/**
 * Every chat message of the user for the export, decrypted (context: user, `chat_messages`,
 * the message's own row, `text_enc`) and grouped by the result they discuss, oldest first.
 * @module
 */
import type { Kysely } from 'kysely';
import { mapWithConcurrency } from '#shared/content/map-with-concurrency.ts';
import type { PhiCipher } from '#shared/crypto/index.ts';
import type { ChatRole, Database } from '#shared/db/schema.ts';

const DECRYPT_CONCURRENCY = 8;

export interface ExportedMessage {
  id: string;
  role: ChatRole;
  text: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface ExportedConversation {
  contentId: string;
  messages: ExportedMessage[];
}

export async function readConversations(db: Kysely<Database>, cipher: PhiCipher, userId: string): Promise<ExportedConversation[]> {
  const rows = await db
    .selectFrom('chat_messages')
    .select(['id', 'user_id', 'content_id', 'role', 'text_enc', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('content_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const messages = await mapWithConcurrency(rows, DECRYPT_CONCURRENCY, async (row) => ({
    contentId: row.content_id,
    message: {
      id: row.id,
      role: row.role,
      text: await cipher.decrypt(row.text_enc, { userId: row.user_id, table: 'chat_messages', rowId: row.id, column: 'text_enc' }),
      createdAt: row.created_at.toISOString(),
    },
  }));
  const byContent = new Map<string, ExportedMessage[]>();
  for (const { contentId, message } of messages) {
    const list = byContent.get(contentId) ?? [];
    list.push(message);
    byContent.set(contentId, list);
  }
  return [...byContent].map(([contentId, list]) => ({ contentId, messages: list }));
}
