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

/**
 * `none` resets what another profile set: every field a profile touches is listed there.
 * Latency figures are what Claude Sonnet answers with from eu-west-1 on a good day (first token
 * ~0.8 s, ~60 tokens/s), not a promise.
 */
export const FAULT_PROFILES = {
  none: {
    description: 'no added latency, no errors (default)',
    patch: { latency: { firstTokenMs: 0, tokensPerSecond: 0 }, errors: { rate: 0, types: ['ThrottlingException'], operations: null } },
  },
  slow: {
    description: 'realistic latency: first token after 800 ms, then 60 tokens/s',
    patch: { latency: { firstTokenMs: 800, tokensPerSecond: 60 }, errors: { rate: 0, types: ['ThrottlingException'], operations: null } },
  },
  flaky: {
    description: '20 % of calls fail with ThrottlingException, realistic latency',
    patch: { latency: { firstTokenMs: 800, tokensPerSecond: 60 }, errors: { rate: 0.2, types: ['ThrottlingException'], operations: null } },
  },
  outage: {
    description: 'every call fails with ServiceUnavailableException',
    patch: { latency: { firstTokenMs: 0, tokensPerSecond: 0 }, errors: { rate: 1, types: ['ServiceUnavailableException'], operations: null } },
  },
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
