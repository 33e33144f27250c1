/**
 * A small client of the running platform's HTTP API, as a user's app would drive it: sign in
 * through the Google stand-in, upload a lab report, poll its job, ask about the result. Used by
 * `--seed`, the whole-platform test and the benchmark.
 * @module
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly userId: string;
  readonly email: string;
}

export interface JobStatus {
  readonly jobId: string;
  /** `queued`, `processing`, `completed` or `failed`. */
  readonly status: string;
  readonly contentId?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

/** A non-2xx answer, with its status and body for the message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly body: string;
  constructor(what: string, status: number, body: string) {
    super(`${what} answered ${status}: ${body.slice(0, 500)}`);
    this.status = status;
    this.body = body;
  }
}

export interface PlatformClientOptions {
  /** The API's base URL. */
  readonly api: string;
  /** The Google stand-in's `POST /dev/id-token` URL. */
  readonly idTokenUrl: string;
}

export interface PlatformClient {
  signIn(email: string, name?: string): Promise<Session>;
  uploadDocument(session: Session, bytes: Uint8Array, fileName: string, contentType?: string): Promise<{ jobId: string }>;
  /** Polls `GET /jobs/{id}` until the job is completed or failed, or `timeoutMs` passes. */
  waitForJob(session: Session, jobId: string, timeoutMs?: number): Promise<JobStatus>;
  chat(session: Session, contentId: string, message: string): Promise<{ status: number; body: string }>;
  get(session: Session | undefined, path: string): Promise<Response>;
}

export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const bearer = (session: Session | undefined): Record<string, string> => (session === undefined ? {} : { authorization: `Bearer ${session.accessToken}` });
  return {
    async signIn(email, name) {
      const minted = await fetch(options.idTokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, ...(name === undefined ? {} : { name }) }),
      });
      if (!minted.ok) throw new ApiError('the Google stand-in', minted.status, await minted.text());
      const { idToken } = (await minted.json()) as { idToken: string };
      const response = await fetch(`${options.api}/auth/google`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idToken }) });
      const text = await response.text();
      if (response.status !== 200) throw new ApiError('POST /auth/google', response.status, text);
      const body = JSON.parse(text) as { accessToken: string; refreshToken: string; user: { id: string; email: string } };
      return { accessToken: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, email: body.user.email };
    },
    async uploadDocument(session, bytes, fileName, contentType = 'application/pdf') {
      const form = new FormData();
      form.set('file', new File([bytes], fileName, { type: contentType }));
      const response = await fetch(`${options.api}/documents`, { method: 'POST', headers: bearer(session), body: form });
      const text = await response.text();
      if (response.status !== 202) throw new ApiError('POST /documents', response.status, text);
      return { jobId: (JSON.parse(text) as { jobId: string }).jobId };
    },
    async waitForJob(session, jobId, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const response = await fetch(`${options.api}/jobs/${jobId}`, { headers: bearer(session) });
        const text = await response.text();
        if (response.status !== 200) throw new ApiError(`GET /jobs/${jobId}`, response.status, text);
        const job = JSON.parse(text) as JobStatus;
        if (job.status === 'completed' || job.status === 'failed') return job;
        if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
        await delay(200);
      }
    },
    async chat(session, contentId, message) {
      const response = await fetch(`${options.api}/chat/messages`, {
        method: 'POST',
        headers: { ...bearer(session), 'content-type': 'application/json' },
        body: JSON.stringify({ contentId, message }),
      });
      return { status: response.status, body: await response.text() };
    },
    get(session, path) {
      return fetch(`${options.api}${path}`, { headers: bearer(session) });
    },
  };
}
