/**
 * `npm run local -- --seed`: a demo user with processed results, made the way a user would make
 * them: sign in through the Google stand-in and the API, upload the synthetic lab reports of
 * e2e/fixtures/lab-reports, wait until the processor has interpreted each.
 * @module
 */
import { labReportPdfBytes } from '../../../e2e/fixtures/documents/index.ts';
import type { LabReportFixture } from '../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { createPlatformClient, type JobStatus, type PlatformClientOptions, type Session } from './platform-client.ts';

export const DEMO_USER_EMAIL = 'demo@serenya.local';

/** Reports the Bedrock mock's interpreter reads with flags worth looking at. */
export const SEED_REPORTS: readonly LabReportFixture[] = ['cbc-one-low', 'lipid-panel-high-ldl-low-hdl', 'hba1c-high'];

export interface SeedResult {
  readonly session: Session;
  readonly jobs: readonly JobStatus[];
}

/**
 * Signs the demo user in, uploads {@link SEED_REPORTS} and waits for every job to finish.
 * Throws when a job fails: a seed that half-worked would mislead.
 *
 * @example
 * ```ts
 * const { session, jobs } = await seedDemoUser({ api, idTokenUrl });
 * ```
 */
export async function seedDemoUser(options: PlatformClientOptions, email: string = DEMO_USER_EMAIL): Promise<SeedResult> {
  const client = createPlatformClient(options);
  const session = await client.signIn(email, 'Demo User');
  const uploads = [];
  for (const report of SEED_REPORTS) {
    uploads.push(await client.uploadDocument(session, await labReportPdfBytes(report), `${report}.pdf`));
  }
  const jobs = await Promise.all(uploads.map(({ jobId }) => client.waitForJob(session, jobId, 120_000)));
  const failed = jobs.filter((job) => job.status !== 'completed');
  if (failed.length > 0) throw new Error(`seeding failed: ${failed.map((job) => `${job.jobId} ${job.status} ${JSON.stringify(job.error ?? {})}`).join('; ')}`);
  return { session, jobs };
}
