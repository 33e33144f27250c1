/**
 * The user's timeline, a page at a time: results newest first by (created_at, id), each row's
 * title, date and summary decrypted from their own columns.
 *
 * Pages are cached per process (a Lambda container) for 5 minutes, keyed on (user, content
 * version, limit, cursor). The content version is a per-user counter the processor bumps in
 * the transaction that stores a result, in another function and container; reading it (one
 * primary-key read) on every request means a new result changes the key at once, so a cached
 * page is never served after a result landed, whichever container stored it. Entries of older
 * versions are never read again and age out. The cache holds decrypted PHI in this process's
 * memory only, bounded in size and time.
 *
 * @example
 * ```ts
 * const page = await readTimeline(deps, userId, { limit: 20 });
 * // { items: [{ id, title, documentDate, createdAt, summary, flaggedCount }, …], nextCursor: 'eyJj…' }
 * ```
 * @module
 */
import { sql, type Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { CONTENT_SUMMARY_COLUMNS, decryptContentSummary, readContentVersion, type ContentSummary } from '#shared/content/index.ts';
import { isUuid } from '#shared/content/is-uuid.ts';
import { mapWithConcurrency } from '#shared/content/map-with-concurrency.ts';
import type { PhiCipher } from '#shared/crypto/phi-cipher.ts';
import type { Database } from '#shared/db/schema.ts';
import { encodeTimelineCursor, type TimelinePosition } from './timeline-cursor.ts';

export const TIMELINE_CACHE_TTL_MS = 5 * 60_000;
export const DEFAULT_TIMELINE_LIMIT = 20;
export const MAX_TIMELINE_LIMIT = 50;

/** Rows decrypted at once (each costs up to three KMS calls when its data key is not cached). */
const DECRYPT_CONCURRENCY = 8;

export interface TimelinePage {
  items: ContentSummary[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

export interface TimelineRequest {
  limit: number;
  /** The raw cursor (its decoded position is `after`); part of the cache key. */
  cursor?: string;
  after?: TimelinePosition;
}

// Sized in items, not pages: a page of 50 weighs 50 times a page of 1.
const timelineCache = new LRUCache<string, TimelinePage>({
  maxSize: 10_000,
  sizeCalculation: (page) => page.items.length + 1,
  ttl: TIMELINE_CACHE_TTL_MS,
});

/** Empties this process's timeline cache (tests). */
export function clearTimelineCache(): void {
  timelineCache.clear();
}

/** `created_at` exactly as stored (microseconds, UTC), for the cursor. */
const exactCreatedAt = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

async function queryPage(db: Kysely<Database>, cipher: PhiCipher, userId: string, request: TimelineRequest): Promise<TimelinePage> {
  const { after } = request;
  const rows = await db
    .selectFrom('contents')
    .select([...CONTENT_SUMMARY_COLUMNS, exactCreatedAt.as('created_at_exact')])
    .where('user_id', '=', userId)
    // The row comparison walks contents_user_created_idx (user_id, created_at DESC, id DESC).
    .$if(after !== undefined, (qb) => qb.where(sql<boolean>`(created_at, id) < (${after!.createdAt}::timestamptz, ${after!.id}::uuid)`))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(request.limit + 1)
    .execute();
  const pageRows = rows.slice(0, request.limit);
  const last = pageRows.at(-1);
  const items = await mapWithConcurrency(pageRows, DECRYPT_CONCURRENCY, (row) => decryptContentSummary(cipher, row));
  return {
    items,
    nextCursor: rows.length > request.limit && last ? encodeTimelineCursor({ createdAt: last.created_at_exact, id: last.id }) : null,
  };
}

/**
 * One page of `userId`'s timeline, from the cache when nothing was stored since it was built.
 *
 * @example
 * ```ts
 * const next = await readTimeline(deps, userId, { limit: 20, cursor, after: decodeTimelineCursor(cursor) });
 * ```
 */
export async function readTimeline(deps: { db: Kysely<Database>; cipher: PhiCipher }, userId: string, request: TimelineRequest): Promise<TimelinePage> {
  if (!isUuid(userId)) return { items: [], nextCursor: null };
  const version = await readContentVersion(deps.db, userId);
  const key = JSON.stringify([userId, version, request.limit, request.cursor ?? null]);
  const cached = timelineCache.get(key);
  if (cached) return cached;
  const page = await queryPage(deps.db, deps.cipher, userId, request);
  timelineCache.set(key, page);
  return page;
}
