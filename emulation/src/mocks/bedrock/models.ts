/**
 * The Claude models the mock serves and how it reads a model id from the path: base ids,
 * inference-profile ids (`eu.`, `us.`, `global.` …) and the foundation-model and
 * inference-profile ARNs that name one of them. Anything else is refused the way Bedrock
 * refuses an unknown id: 400 ValidationException "The provided model identifier is invalid."
 * @see /work/shared/docs/BEDROCK.md §2.4, §3.1
 * @module
 */
import { BedrockError } from './errors.ts';

interface ClaudeModel {
  /** The in-region id, e.g. `anthropic.claude-haiku-4-5-20251001-v1:0`. */
  baseId: string;
  /** Inference-profile prefixes Bedrock offers for it (BEDROCK.md §3.1). */
  profiles: readonly string[];
  /** The largest `max_tokens` the model accepts. */
  maxOutputTokens: number;
  /** Sonnet 4.5 / Haiku 4.5 and later refuse `temperature` together with `top_p`. */
  exclusiveSampling: boolean;
}

/**
 * BEDROCK.md §3.1 (compiled 2026-11-25). Opus 4.7's profiles are not listed there; the doc
 * names `eu.anthropic.claude-opus-4-7`, and `us.`/`global.` are assumed alike. That Sonnet 4.6
 * and the 4.6/4.7 Opus models also refuse temperature + top_p is assumed from 4.5's rule.
 */
const CLAUDE_MODELS: readonly ClaudeModel[] = [
  { baseId: 'anthropic.claude-3-haiku-20240307-v1:0', profiles: ['us', 'eu', 'apac'], maxOutputTokens: 4_096, exclusiveSampling: false },
  { baseId: 'anthropic.claude-3-5-haiku-20241022-v1:0', profiles: ['us'], maxOutputTokens: 8_192, exclusiveSampling: false },
  { baseId: 'anthropic.claude-3-5-sonnet-20241022-v2:0', profiles: ['us'], maxOutputTokens: 8_192, exclusiveSampling: false },
  { baseId: 'anthropic.claude-3-7-sonnet-20250219-v1:0', profiles: ['us', 'eu', 'apac'], maxOutputTokens: 64_000, exclusiveSampling: false },
  { baseId: 'anthropic.claude-sonnet-4-20250514-v1:0', profiles: ['global', 'us', 'eu', 'apac'], maxOutputTokens: 64_000, exclusiveSampling: false },
  { baseId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', profiles: ['global', 'us', 'eu', 'jp'], maxOutputTokens: 64_000, exclusiveSampling: true },
  { baseId: 'anthropic.claude-haiku-4-5-20251001-v1:0', profiles: ['global', 'us', 'eu'], maxOutputTokens: 64_000, exclusiveSampling: true },
  { baseId: 'anthropic.claude-opus-4-20250514-v1:0', profiles: ['us'], maxOutputTokens: 32_000, exclusiveSampling: false },
  { baseId: 'anthropic.claude-opus-4-1-20250805-v1:0', profiles: ['us'], maxOutputTokens: 32_000, exclusiveSampling: false },
  { baseId: 'anthropic.claude-opus-4-5-20251101-v1:0', profiles: ['global', 'us', 'eu'], maxOutputTokens: 64_000, exclusiveSampling: true },
  { baseId: 'anthropic.claude-sonnet-4-6', profiles: ['global', 'us', 'eu', 'jp'], maxOutputTokens: 128_000, exclusiveSampling: true },
  { baseId: 'anthropic.claude-opus-4-6-v1', profiles: ['global', 'us', 'eu', 'jp', 'apac'], maxOutputTokens: 128_000, exclusiveSampling: true },
  { baseId: 'anthropic.claude-opus-4-7', profiles: ['global', 'us', 'eu'], maxOutputTokens: 128_000, exclusiveSampling: true },
];

/** Inference-profile prefixes Bedrock defines (BEDROCK.md §2.4). */
const PROFILE_PREFIX = /^(?:us-gov|global|apac|eu|us|jp|au)\./;

/** ARNs whose resource names a model or a system inference profile. */
const MODEL_ARN = /^arn:aws(?:-[a-z-]+)?:bedrock:[a-z0-9-]+:\d{0,12}:(foundation-model|inference-profile)\/(.+)$/;

/** Limits for ids configured through `models` that are not in the table. */
const UNLISTED_MODEL_MAX_OUTPUT_TOKENS = 64_000;

/** What an operation needs to know about the model it serves. */
export interface ResolvedModel {
  /** The id as the caller sent it (decoded), ARN included. */
  requestedId: string;
  /** The id without ARN wrapping or profile prefix. */
  baseId: string;
  /** Anthropic's model name, as InvokeModel answers put it in `model`: `claude-haiku-4-5-20251001`. */
  anthropicName: string;
  maxOutputTokens: number;
  exclusiveSampling: boolean;
}

/**
 * Every id the mock accepts by default: each Claude base id of BEDROCK.md §3.1 and its
 * inference-profile forms.
 *
 * @example
 * ```ts
 * defaultModelIds().includes('eu.anthropic.claude-haiku-4-5-20251001-v1:0'); // true
 * ```
 */
export function defaultModelIds(): string[] {
  return CLAUDE_MODELS.flatMap((model) => [model.baseId, ...model.profiles.map((prefix) => `${prefix}.${model.baseId}`)]);
}

/**
 * The accepted ids and how to resolve a path's id against them.
 *
 * @example
 * ```ts
 * const catalogue = new ModelCatalogue(defaultModelIds());
 * catalogue.resolve('eu.anthropic.claude-sonnet-4-6').anthropicName; // 'claude-sonnet-4-6'
 * catalogue.resolve('gpt-4'); // throws ValidationException
 * ```
 */
export class ModelCatalogue {
  readonly #ids: ReadonlySet<string>;

  constructor(ids: readonly string[]) {
    this.#ids = new Set(ids);
  }

  get ids(): string[] {
    return [...this.#ids];
  }

  /** The model for an already percent-decoded id; throws ValidationException when unknown. */
  resolve(requestedId: string): ResolvedModel {
    if (requestedId.length < 1 || requestedId.length > 2_048) {
      throw new BedrockError(
        'ValidationException',
        "1 validation error detected: Value at 'modelId' failed to satisfy constraint: Member must have length less than or equal to 2048",
      );
    }
    const arn = MODEL_ARN.exec(requestedId);
    const id = arn?.[2] ?? requestedId;
    if (!this.#ids.has(id)) throw new BedrockError('ValidationException', 'The provided model identifier is invalid.');
    const baseId = id.replace(PROFILE_PREFIX, '');
    const known = CLAUDE_MODELS.find((model) => model.baseId === baseId);
    return {
      requestedId,
      baseId,
      anthropicName: anthropicModelName(baseId),
      maxOutputTokens: known?.maxOutputTokens ?? UNLISTED_MODEL_MAX_OUTPUT_TOKENS,
      exclusiveSampling: known?.exclusiveSampling ?? true,
    };
  }
}

/**
 * `anthropic.claude-3-5-sonnet-20241022-v2:0` → `claude-3-5-sonnet-20241022`.
 *
 * @example
 * ```ts
 * anthropicModelName('anthropic.claude-opus-4-6-v1'); // 'claude-opus-4-6'
 * ```
 */
export function anthropicModelName(baseId: string): string {
  return baseId.replace(/^anthropic\./, '').replace(/-v\d+(?::\d+)?$/, '');
}
