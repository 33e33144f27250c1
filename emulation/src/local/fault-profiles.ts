/**
 * Named Bedrock behaviours for `npm run local --faults <profile>`, applied through the mock's
 * control endpoint (`POST /_mock/config`) so a running mock can be switched the same way with curl.
 * @module
 */
import type { MockBehaviourPatch } from '../mocks/bedrock/index.ts';

export interface FaultProfile {
  readonly description: string;
  readonly patch: MockBehaviourPatch;
}

const NO_LATENCY = { firstTokenMs: 0, tokensPerSecond: 0 };
const REALISTIC_LATENCY = { firstTokenMs: 800, tokensPerSecond: 60 };
/** Every operation (`operations: null`), so a profile also clears what another narrowed. */
const errors = (rate: number, type: 'ThrottlingException' | 'ServiceUnavailableException'): MockBehaviourPatch['errors'] => ({ rate, types: [type], operations: null });

/**
 * `none` resets what another profile set: every field a profile touches is listed there.
 * Latency figures are what Claude Sonnet answers with from eu-west-1 on a good day (first token
 * ~0.8 s, ~60 tokens/s), not a promise.
 */
export const FAULT_PROFILES = {
  none: { description: 'no added latency, no errors (default)', patch: { latency: NO_LATENCY, errors: errors(0, 'ThrottlingException') } },
  slow: { description: 'realistic latency: first token after 800 ms, then 60 tokens/s', patch: { latency: REALISTIC_LATENCY, errors: errors(0, 'ThrottlingException') } },
  flaky: { description: '20 % of calls fail with ThrottlingException, realistic latency', patch: { latency: REALISTIC_LATENCY, errors: errors(0.2, 'ThrottlingException') } },
  outage: { description: 'every call fails with ServiceUnavailableException', patch: { latency: NO_LATENCY, errors: errors(1, 'ServiceUnavailableException') } },
} as const satisfies Record<string, FaultProfile>;

export type FaultProfileName = keyof typeof FAULT_PROFILES;

export function isFaultProfileName(name: string): name is FaultProfileName {
  return Object.hasOwn(FAULT_PROFILES, name);
}

/**
 * Sets `profile` on the mock at `bedrockEndpoint` through `POST /_mock/config`.
 *
 * @example
 * ```ts
 * await applyFaultProfile('http://127.0.0.1:41234', 'flaky');
 * ```
 */
export async function applyFaultProfile(bedrockEndpoint: string, profile: FaultProfileName): Promise<void> {
  const response = await fetch(`${bedrockEndpoint}/_mock/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(FAULT_PROFILES[profile].patch),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`the Bedrock mock refused fault profile '${profile}' (${response.status}): ${text}`);
}
