/**
 * Everything Serenya holds about a user, decrypted, as the GDPR export (Art. 15/20): profile,
 * subscription, results with their lab values, conversations, jobs, sign-in sessions, and the usage records of
 * the cost table. Undefined when the user row is gone (erased; the access token may still be
 * valid for up to 15 minutes).
 * @module
 */
import type { CostRecord } from '#shared/cost/cost-record.ts';
import type { DocumentMediaType } from '#shared/db/schema.ts';
import { toJobView, type JobView } from '#shared/jobs/document-jobs.ts';
import type { AccountDependencies } from './account-dependencies.ts';
import { readCostRecords } from './cost-records.ts';
import { readConversations, type ExportedConversation } from './read-conversations.ts';
import { readProfile, type AccountProfile } from './read-profile.ts';
import { readResults, type ExportedResult } from './read-results.ts';
import { readSessions, type ExportedSession } from './read-sessions.ts';
import { DEFAULT_PLAN_ID } from '#shared/plans/user-plan.ts';

export interface ExportedJob extends JobView {
  mediaType: DocumentMediaType;
  sizeBytes: number;
}

export interface AccountExport {
  profile: AccountProfile;
  /** `free` with `startedAt: null` when the user never had a subscription row. */
  subscription: { plan: string; startedAt: string | null };
  results: ExportedResult[];
  conversations: ExportedConversation[];
  jobs: ExportedJob[];
  /** Sign-in sessions (refresh-token families), without token material. */
  sessions: ExportedSession[];
  usage: { costRecords: CostRecord[] };
  exportedAt: string;
}

export async function collectAccountExport(deps: AccountDependencies, userId: string, now: Date = new Date()): Promise<AccountExport | undefined> {
  const profile = await readProfile(deps.db, deps.cipher, userId);
  if (!profile) return undefined;
  const [subscription, results, conversations, jobs, sessions, costRecords] = await Promise.all([
    deps.db.selectFrom('subscriptions').select(['plan_id', 'started_at']).where('user_id', '=', userId).executeTakeFirst(),
    readResults(deps.db, deps.cipher, userId),
    readConversations(deps.db, deps.cipher, userId),
    deps.db.selectFrom('document_jobs').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute(),
    readSessions(deps.db, userId),
    readCostRecords(deps.dynamo, deps.costTableName, userId),
  ]);
  return {
    profile,
    subscription: subscription ? { plan: subscription.plan_id, startedAt: subscription.started_at.toISOString() } : { plan: DEFAULT_PLAN_ID, startedAt: null },
    results,
    conversations,
    jobs: jobs.map((job) => ({ ...toJobView(job), mediaType: job.media_type, sizeBytes: job.size_bytes })),
    sessions,
    usage: { costRecords },
    exportedAt: now.toISOString(),
  };
}
