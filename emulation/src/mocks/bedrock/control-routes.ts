/**
 * The mock's own endpoints under `/_mock/`, for tests, load runs and people poking at it
 * with curl: read and change the behaviour, read the stats, reset both.
 *
 * - `GET /_mock/config` → the behaviour, with the seed in use and the accepted model ids
 * - `POST /_mock/config` with a behaviour patch (JSON) → the new behaviour; 400 on bad input
 * - `GET /_mock/stats` → the counters
 * - `POST /_mock/reset` → behaviour back to the start's, counters cleared, PRNG reseeded
 * @module
 */
import { z } from 'zod';
import { mockBehaviourPatchSchema, type MockBehaviour, type MockBehaviourPatch } from './behaviour.ts';
import { sendJson } from './response-writer.ts';
import type { BedrockMockStats } from './stats.ts';
import type { AnyRequest, AnyResponse } from './transport/dual-protocol-listener.ts';
import { readRequestBody } from './transport/request-body.ts';

/** Paths start with this; everything else is Bedrock. */
export const CONTROL_PREFIX = '/_mock/';

/** Control bodies are tiny; anything bigger is a mistake. */
const MAX_CONTROL_BODY_BYTES = 64 * 1024;

/** What the control routes can do to the running mock. */
export interface MockControl {
  behaviour: () => MockBehaviour;
  configure: (patch: MockBehaviourPatch) => MockBehaviour;
  stats: () => BedrockMockStats;
  reset: () => void;
  models: () => string[];
}

/**
 * Serves one `/_mock/*` request.
 *
 * @example
 * ```ts
 * if (pathname.startsWith(CONTROL_PREFIX)) await handleControlRequest(req, res, pathname, control);
 * ```
 */
export async function handleControlRequest(req: AnyRequest, res: AnyResponse, pathname: string, control: MockControl): Promise<void> {
  const route = `${req.method ?? 'GET'} ${pathname}`;
  switch (route) {
    case 'GET /_mock/config':
      sendJson(res, 200, {}, { ...control.behaviour(), models: control.models() });
      return;
    case 'POST /_mock/config': {
      const patch = await readPatch(req, res);
      if (patch !== undefined) sendJson(res, 200, {}, control.configure(patch));
      return;
    }
    case 'GET /_mock/stats':
      sendJson(res, 200, {}, control.stats());
      return;
    case 'POST /_mock/reset':
      control.reset();
      sendJson(res, 200, {}, control.behaviour());
      return;
    default: {
      const known = ['/_mock/config', '/_mock/stats', '/_mock/reset'].includes(pathname);
      sendJson(res, known ? 405 : 404, {}, { message: known ? `${req.method ?? ''} is not allowed on ${pathname}` : `no control route ${pathname}` });
    }
  }
}

/** The validated patch, or undefined after answering 400. */
async function readPatch(req: AnyRequest, res: AnyResponse): Promise<MockBehaviourPatch | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(await readRequestBody(req, MAX_CONTROL_BODY_BYTES)).toString('utf8'));
  } catch {
    sendJson(res, 400, {}, { message: 'the body must be a JSON behaviour patch of at most 64 KiB' });
    return undefined;
  }
  const parsed = mockBehaviourPatchSchema.safeParse(json);
  if (!parsed.success) {
    sendJson(res, 400, {}, { message: `invalid behaviour patch: ${z.prettifyError(parsed.error)}`, issues: parsed.error.issues });
    return undefined;
  }
  return parsed.data;
}
