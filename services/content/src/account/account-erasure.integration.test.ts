import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountExport } from './collect-account-export.ts';
import { createAccountTestContext, type AccountTestContext, type SeededUser } from './testing/account-test-context.ts';

let ctx: AccountTestContext;
let erased: SeededUser;
let bystander: SeededUser;
let bystanderBefore: AccountExport;
let partialBatches = 0;
/** The size of every BatchWrite the erasure sends, in order. */
const batchSizes: number[] = [];

beforeAll(async () => {
  // The first BatchWrite of each erasure accepts only 10 of its deletes and hands back the rest
  // as UnprocessedItems, as DynamoDB does under throttling: the erasure must retry them.
  ctx = await createAccountTestContext({
    wrapDynamo: (client: DynamoDBDocumentClient) => ({
      send: (async (command: unknown) => {
        if (command instanceof BatchWriteCommand) batchSizes.push(Object.values(command.input.RequestItems ?? {})[0]?.length ?? 0);
        if (command instanceof BatchWriteCommand && partialBatches === 0) {
          partialBatches++;
          const [table, requests] = Object.entries(command.input.RequestItems ?? {})[0]!;
          await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests.slice(0, 10) } }));
          return { UnprocessedItems: { [table]: requests.slice(10) }, $metadata: {} };
        }
        return client.send(command as never);
      }) as DynamoDBDocumentClient['send'],
    }),
  });
  erased = await ctx.seedUser(30);
  bystander = await ctx.seedUser(4);
  bystanderBefore = (await (await ctx.request('GET', '/account/export', bystander.id)).json()) as AccountExport;
});

afterAll(async () => {
  await ctx?.close();
});

/** Everything that identifies the user or one of their items: none may survive outside anonymised audit rows. */
const traces = (user: SeededUser): string[] => [user.id, user.email, user.name, user.googleSub, ...user.jobIds, ...user.contentIds, ...user.familyIds];
/** What would re-identify the person: never in any row, audit rows included. */
const identity = (user: SeededUser): string[] => [user.email, user.name, user.googleSub];

const EVERY_USER_TABLE = ['users.id', 'refresh_token_families.user_id', 'subscriptions.user_id', 'document_jobs.user_id', 'contents.user_id', 'lab_values.user_id', 'chat_messages.user_id', 'user_content_versions.user_id', 'audit_events.actor_id'];

describe('DELETE /account', () => {
  it('answers 401 without a token, and erases nothing', async () => {
    expect((await ctx.request('DELETE', '/account')).status).toBe(401);
    expect(Object.keys(await ctx.rowsMentioning(erased.id))).toEqual(expect.arrayContaining(EVERY_USER_TABLE));
  });

  it('finds, before erasure, the user in every table, bucket and the cost table (so the scan below can fail)', async () => {
    const found = await ctx.rowsMentioning(erased.id);
    expect(Object.keys(found)).toEqual(expect.arrayContaining(EVERY_USER_TABLE));
    expect(found['lab_values.user_id']).toBe(erased.labValueCount);
    const tokens = await ctx.adminDb.selectFrom('refresh_tokens').select('id').where('family_id', 'in', erased.familyIds).execute();
    expect(tokens).toHaveLength(2);
    for (const key of erased.objectKeys) expect(await ctx.objectExists(key)).toBe(true);
    expect(await ctx.costItems(erased.id)).toBe(30);

    // The generic scans of the next test find the user before erasure, so their empty answers mean something.
    expect(Object.keys(await ctx.tablesMentioning(traces(erased)))).toEqual(
      expect.arrayContaining(['users', 'refresh_token_families', 'refresh_tokens', 'subscriptions', 'document_jobs', 'contents', 'lab_values', 'chat_messages', 'user_content_versions', 'audit_events']),
    );
    // Two versions of each original (the bucket is versioned, as in AWS).
    expect((await ctx.objectsMentioning([erased.id])).sort()).toEqual(erased.objectKeys.flatMap((key) => [`${ctx.bucket}/${key}`, `${ctx.bucket}/${key}`]).sort());
    expect(await ctx.dynamoItemsMentioning([erased.id])).toEqual({ [ctx.costTableName]: 30 });
  });

  it('erases every row, object and cost record of the user, keeping only anonymised audit rows', async () => {
    const res = await ctx.request('DELETE', '/account', erased.id);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');

    // Every uuid column of every table: only the audit trail still names the (now opaque) id.
    const found = await ctx.rowsMentioning(erased.id);
    expect(Object.keys(found).every((column) => column.startsWith('audit_events.'))).toBe(true);
    expect(found['audit_events.actor_id']).toBeGreaterThan(0);
    // Rows that hold the user only through a parent id are gone too.
    expect(await ctx.adminDb.selectFrom('refresh_tokens').select('id').where('family_id', 'in', erased.familyIds).execute()).toHaveLength(0);
    expect(await ctx.adminDb.selectFrom('lab_values').select('id').where('content_id', 'in', erased.contentIds).execute()).toHaveLength(0);
    expect(await ctx.adminDb.selectFrom('chat_messages').select('id').where('content_id', 'in', erased.contentIds).execute()).toHaveLength(0);

    for (const key of erased.objectKeys) expect(await ctx.objectExists(key)).toBe(false);
    expect(await ctx.costItems(erased.id)).toBe(0);
    expect(partialBatches).toBe(1);
    // 30 records: a chunk of 25 (10 accepted), its 15 unprocessed retried, then the last 5.
    expect(batchSizes).toEqual([25, 15, 5]);

    // Every column of every table, every object (key, metadata, body) of every bucket, every item of every DynamoDB table.
    expect(Object.keys(await ctx.tablesMentioning(traces(erased)))).toEqual(['audit_events']);
    expect(await ctx.tablesMentioning(identity(erased))).toEqual({});
    expect(await ctx.objectsMentioning(traces(erased))).toEqual([]);
    expect(await ctx.dynamoItemsMentioning(traces(erased))).toEqual({});

    const audit = await ctx.adminDb.selectFrom('audit_events').selectAll().where('actor_id', '=', erased.id).execute();
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['auth.sign_in', 'account.erased']));
    expect(audit.find((row) => row.action === 'account.erased')).toMatchObject({ outcome: 'success', resource_type: 'account', resource_id: erased.id });
    const auditText = JSON.stringify(audit);
    expect(auditText).not.toContain(erased.email);
    expect(auditText).not.toContain(erased.name);
  });

  it('answers 204 again to a second call, and 404 to an export, while the token is still valid', async () => {
    expect((await ctx.request('DELETE', '/account', erased.id)).status).toBe(204);
    expect((await ctx.request('GET', '/account/export', erased.id)).status).toBe(404);
    const erasures = await ctx.adminDb.selectFrom('audit_events').select('outcome').where('actor_id', '=', erased.id).where('action', '=', 'account.erased').execute();
    expect(erasures.map((r) => r.outcome)).toEqual(['success', 'success']);
  });

  it('leaves another user untouched', async () => {
    const after = (await (await ctx.request('GET', '/account/export', bystander.id)).json()) as AccountExport;
    const { exportedAt: _a, ...restAfter } = after;
    const { exportedAt: _b, ...restBefore } = bystanderBefore;
    expect(restAfter).toEqual(restBefore);
    expect(after.results.reduce((n, r) => n + r.labValues.length, 0)).toBe(bystander.labValueCount);
    expect(after.conversations.flatMap((c) => c.messages)).toHaveLength(bystander.messageCount);
    for (const key of bystander.objectKeys) expect(await ctx.objectExists(key)).toBe(true);
    expect(await ctx.costItems(bystander.id)).toBe(4);
    expect(await ctx.adminDb.selectFrom('refresh_tokens').select('id').where('family_id', 'in', bystander.familyIds).execute()).toHaveLength(2);
  });
});

describe('DELETE /account when a store fails half-way', () => {
  it('answers 503 SERVICE_UNAVAILABLE with a failure audit, keeps the user to retry, and a repeated call finishes the erasure', async () => {
    const user = await ctx.seedUser(2);
    const send = vi.spyOn(ctx.deps.s3, 'send').mockRejectedValueOnce(Object.assign(new Error('S3 is down'), { name: 'ServiceUnavailable' }));
    const failed = await ctx.request('DELETE', '/account', user.id);
    send.mockRestore();
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
    expect(await ctx.adminDb.selectFrom('users').select('id').where('id', '=', user.id).execute()).toHaveLength(1);
    const failures = await ctx.adminDb.selectFrom('audit_events').selectAll().where('actor_id', '=', user.id).where('action', '=', 'account.erased').execute();
    expect(failures).toEqual([expect.objectContaining({ outcome: 'failure' })]);

    expect((await ctx.request('DELETE', '/account', user.id)).status).toBe(204);
    expect(Object.keys(await ctx.tablesMentioning(traces(user)))).toEqual(['audit_events']);
    expect(await ctx.objectsMentioning(traces(user))).toEqual([]);
    expect(await ctx.dynamoItemsMentioning(traces(user))).toEqual({});
  });
});
