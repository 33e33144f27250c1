/**
 * What the mock can be steered to do: latency (time to first token, tokens per second), fault
 * injection (rate, exception types, operations, mid-stream), and the PRNG seed that makes
 * injection repeatable. Set at start (options, then `BEDROCK_MOCK_*` environment variables),
 * changed at run time with `configure()` or `POST /_mock/config`.
 * @module
 */
import { z } from 'zod';
import { BEDROCK_ERROR_TYPES, type BedrockErrorType } from './errors.ts';
import { BEDROCK_OPERATIONS, type BedrockOperation } from './operations.ts';

export interface LatencyBehaviour {
  /** Milliseconds before the first token (stream) or added to every answer (non-stream). */
  firstTokenMs: number;
  /** Output pace after the first token; 0 = no pacing (as fast as the socket takes it). */
  tokensPerSecond: number;
}

export interface ErrorBehaviour {
  /** Probability 0..1 that a request fails with one of `types` (drawn from the seeded PRNG). */
  rate: number;
  /** Exception classes to choose from, uniformly. */
  types: BedrockErrorType[];
  /** Only these operations fail; omitted = all four. */
  operations?: BedrockOperation[];
  /**
   * Streams fail after their first event (`:message-type: exception`) instead of before any
   * bytes. Applies to the types each stream's union models (BEDROCK.md §2.9); others still
   * fail before the stream starts.
   */
  midStream?: boolean;
}

export interface MockBehaviour {
  latency: LatencyBehaviour;
  errors: ErrorBehaviour;
  /** Seed of the fault-injection PRNG; omitted = a random seed at each start/reset. */
  seed?: number;
}

/** What `configure()` takes: any subset, merged one level deep into the current behaviour. */
export interface MockBehaviourPatch {
  latency?: Partial<LatencyBehaviour>;
  /** `operations: null` clears a previous operation filter. */
  errors?: Partial<Omit<ErrorBehaviour, 'operations'>> & { operations?: BedrockOperation[] | null };
  seed?: number;
}

/** No latency, no faults: what tests want unless they ask for more. */
export const DEFAULT_BEHAVIOUR: MockBehaviour = {
  latency: { firstTokenMs: 0, tokensPerSecond: 0 },
  errors: { rate: 0, types: ['ThrottlingException'] },
};

const firstTokenMs = z.number().int().min(0).max(600_000);
const tokensPerSecond = z.number().min(0).max(1_000_000);
const errorRate = z.number().min(0).max(1);
const errorTypes = z.array(z.enum(BEDROCK_ERROR_TYPES)).min(1);
const seed = z.number().int().min(0).max(0xffff_ffff);

/**
 * The body of `POST /_mock/config`: a {@link MockBehaviourPatch}; unknown keys are refused so
 * that a typo (`firstTokenMS`) fails loudly instead of doing nothing.
 *
 * @example
 * ```ts
 * mockBehaviourPatchSchema.parse({ errors: { rate: 0.1, types: ['ThrottlingException'] } });
 * ```
 */
export const mockBehaviourPatchSchema = z.strictObject({
  latency: z.strictObject({ firstTokenMs: firstTokenMs.optional(), tokensPerSecond: tokensPerSecond.optional() }).optional(),
  errors: z
    .strictObject({
      rate: errorRate.optional(),
      types: errorTypes.optional(),
      operations: z.array(z.enum(BEDROCK_OPERATIONS)).nullable().optional(),
      midStream: z.boolean().optional(),
    })
    .optional(),
  seed: seed.optional(),
});

/**
 * The behaviour with `patch` applied; `current` is not changed.
 *
 * @example
 * ```ts
 * mergeBehaviour(DEFAULT_BEHAVIOUR, { latency: { firstTokenMs: 200 } }).latency; // { firstTokenMs: 200, tokensPerSecond: 0 }
 * ```
 */
export function mergeBehaviour(current: MockBehaviour, patch: MockBehaviourPatch): MockBehaviour {
  const { operations, ...errorPatch } = patch.errors ?? {};
  const errors: ErrorBehaviour = { ...current.errors, ...withoutUndefined(errorPatch), types: [...(errorPatch.types ?? current.errors.types)] };
  if (operations === null) delete errors.operations;
  else if (operations !== undefined) errors.operations = [...operations];
  const merged: MockBehaviour = { latency: { ...current.latency, ...withoutUndefined(patch.latency ?? {}) }, errors };
  const nextSeed = patch.seed ?? current.seed;
  if (nextSeed !== undefined) merged.seed = nextSeed;
  return merged;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** Environment variable → how to read it; each error names its variable. */
const environmentSchema = z.object({
  BEDROCK_MOCK_FIRST_TOKEN_MS: z.coerce.number().pipe(firstTokenMs).optional(),
  BEDROCK_MOCK_TOKENS_PER_SECOND: z.coerce.number().pipe(tokensPerSecond).optional(),
  BEDROCK_MOCK_ERROR_RATE: z.coerce.number().pipe(errorRate).optional(),
  BEDROCK_MOCK_ERROR_TYPES: z
    .string()
    .transform((value) => value.split(',').map((type) => type.trim()).filter((type) => type !== ''))
    .pipe(errorTypes)
    .optional(),
  BEDROCK_MOCK_SEED: z.coerce.number().pipe(seed).optional(),
});

/**
 * The behaviour patch described by `BEDROCK_MOCK_*` variables (empty values count as unset).
 * Throws one message naming every bad variable and what it must be.
 *
 * @example
 * ```ts
 * behaviourFromEnvironment({ BEDROCK_MOCK_ERROR_RATE: '0.05', BEDROCK_MOCK_ERROR_TYPES: 'ThrottlingException,ServiceUnavailableException' });
 * ```
 */
export function behaviourFromEnvironment(environment: NodeJS.ProcessEnv = process.env): MockBehaviourPatch {
  const relevant = Object.fromEntries(
    Object.keys(environmentSchema.shape)
      .map((name) => [name, environment[name]?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(relevant);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}=${JSON.stringify(relevant[name])}: ${issue.message}`;
    });
    throw new Error(`invalid Bedrock mock environment: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  const patch: MockBehaviourPatch = {};
  if (env.BEDROCK_MOCK_FIRST_TOKEN_MS !== undefined || env.BEDROCK_MOCK_TOKENS_PER_SECOND !== undefined) {
    patch.latency = {};
    if (env.BEDROCK_MOCK_FIRST_TOKEN_MS !== undefined) patch.latency.firstTokenMs = env.BEDROCK_MOCK_FIRST_TOKEN_MS;
    if (env.BEDROCK_MOCK_TOKENS_PER_SECOND !== undefined) patch.latency.tokensPerSecond = env.BEDROCK_MOCK_TOKENS_PER_SECOND;
  }
  if (env.BEDROCK_MOCK_ERROR_RATE !== undefined || env.BEDROCK_MOCK_ERROR_TYPES !== undefined) {
    patch.errors = {};
    if (env.BEDROCK_MOCK_ERROR_RATE !== undefined) patch.errors.rate = env.BEDROCK_MOCK_ERROR_RATE;
    if (env.BEDROCK_MOCK_ERROR_TYPES !== undefined) patch.errors.types = env.BEDROCK_MOCK_ERROR_TYPES;
  }
  if (env.BEDROCK_MOCK_SEED !== undefined) patch.seed = env.BEDROCK_MOCK_SEED;
  return patch;
}
