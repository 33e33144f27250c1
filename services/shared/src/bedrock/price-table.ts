/**
 * On-demand prices of the Claude models on Amazon Bedrock, in US dollars per one million
 * tokens, keyed by every id the services may call: the base id (an in-region call) and each
 * inference-profile id (`global.`, `eu.`, `us.` … + base id).
 *
 * Source: docs/BEDROCK.md §3.1, compiled 2026-11-25 from `@pydantic/genai-prices` 0.1.8 (data
 * of 2026-09-23), which cites https://aws.amazon.com/bedrock/pricing/ and Anthropic's pricing.
 * Not yet re-read against the live AWS page or the AWS price-list API: do that before a release
 * that bills users by these figures. Entries marked [?] are uncertain there too.
 *
 * Rules (BEDROCK.md §3.1, https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html):
 * - `global.` profiles carry the base price;
 * - geographic profiles (`eu.`, `us.` …) and in-region base ids cost 10% more from the 4.5
 *   generation on, charged by the source region; older models cost the same everywhere;
 * - prompt-cache prices are multiples of the same id's input price: 5-minute write 1.25×,
 *   1-hour write 2×, read 0.1×.
 *
 * @example
 * ```ts
 * priceFor('eu.anthropic.claude-haiku-4-5-20251001-v1:0'); // { input: 1.1, output: 5.5, cacheWrite5m: 1.375, … }
 * priceFor('arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6'); // Sonnet 4.6, EU
 * ```
 * @module
 */

/** US dollars per one million tokens of each kind. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Prompt-cache write with the default 5-minute TTL. */
  cacheWrite5m: number;
  /** Prompt-cache write with the 1-hour TTL (4.5 models and later). */
  cacheWrite1h: number;
  cacheRead: number;
}

/** Inference-profile prefixes (BEDROCK.md §2.4 / §3.1). */
export type ProfilePrefix = 'global' | 'us' | 'eu' | 'apac' | 'jp' | 'au' | 'us-gov';

interface InputOutput {
  input: number;
  output: number;
}

interface ClaudeModel {
  baseId: string;
  /** The profiles Bedrock offers for the model. */
  profiles: readonly ProfilePrefix[];
  /** Price through `global.`; absent when the model has no global profile. */
  global?: InputOutput;
  /** Price through a geographic profile or in-region (the surcharge already included). */
  geographic: InputOutput;
}

/** The rows of BEDROCK.md §3.1; geographic prices are that table's "geo" column, not computed. */
const CLAUDE_MODELS: readonly ClaudeModel[] = [
  { baseId: 'anthropic.claude-3-haiku-20240307-v1:0', profiles: ['us', 'eu', 'apac'], geographic: { input: 0.25, output: 1.25 } },
  { baseId: 'anthropic.claude-3-5-haiku-20241022-v1:0', profiles: ['us'], geographic: { input: 0.8, output: 4 } },
  // [?] 3.5 Sonnet: profiles and price uncertain; a 2026 report says 6 / 30 under "extended access".
  { baseId: 'anthropic.claude-3-5-sonnet-20241022-v2:0', profiles: ['us'], geographic: { input: 3, output: 15 } },
  { baseId: 'anthropic.claude-3-7-sonnet-20250219-v1:0', profiles: ['us', 'eu', 'apac'], geographic: { input: 3, output: 15 } },
  {
    baseId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    profiles: ['global', 'us', 'eu', 'apac'],
    global: { input: 3, output: 15 },
    geographic: { input: 3, output: 15 },
  },
  {
    baseId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    profiles: ['global', 'us', 'eu', 'jp'],
    global: { input: 3, output: 15 },
    geographic: { input: 3.3, output: 16.5 },
  },
  {
    baseId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    profiles: ['global', 'us', 'eu'],
    global: { input: 1, output: 5 },
    geographic: { input: 1.1, output: 5.5 },
  },
  { baseId: 'anthropic.claude-opus-4-20250514-v1:0', profiles: ['us'], geographic: { input: 15, output: 75 } },
  { baseId: 'anthropic.claude-opus-4-1-20250805-v1:0', profiles: ['us'], geographic: { input: 15, output: 75 } },
  {
    baseId: 'anthropic.claude-opus-4-5-20251101-v1:0',
    profiles: ['global', 'us', 'eu'],
    global: { input: 5, output: 25 },
    geographic: { input: 5.5, output: 27.5 },
  },
  {
    baseId: 'anthropic.claude-sonnet-4-6',
    profiles: ['global', 'us', 'eu', 'jp'],
    global: { input: 3, output: 15 },
    geographic: { input: 3.3, output: 16.5 },
  },
  {
    baseId: 'anthropic.claude-opus-4-6-v1',
    profiles: ['global', 'us', 'eu', 'jp', 'apac'],
    global: { input: 5, output: 25 },
    geographic: { input: 5.5, output: 27.5 },
  },
  // [?] Opus 4.7: only `eu.anthropic.claude-opus-4-7` is documented (BEDROCK.md §1.3: it is moving
  // to the Messages API but still answers InvokeModel). Prices as Opus 4.6.
  {
    baseId: 'anthropic.claude-opus-4-7',
    profiles: ['global', 'us', 'eu'],
    global: { input: 5, output: 25 },
    geographic: { input: 5.5, output: 27.5 },
  },
];

/** Rounds away float noise (1.1 × 1.25 = 1.3750000000000002) at a millionth of a dollar per 1M tokens. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function withCachePrices({ input, output }: InputOutput): ModelPrice {
  return Object.freeze({
    input,
    output,
    cacheWrite5m: round6(input * 1.25),
    cacheWrite1h: round6(input * 2),
    cacheRead: round6(input * 0.1),
  });
}

function buildPriceTable(): Readonly<Record<string, ModelPrice>> {
  const table: Record<string, ModelPrice> = {};
  for (const model of CLAUDE_MODELS) {
    const geographic = withCachePrices(model.geographic);
    table[model.baseId] = geographic;
    for (const prefix of model.profiles) {
      if (prefix === 'global') {
        if (!model.global) throw new Error(`price table: ${model.baseId} has a global profile but no global price`);
        table[`global.${model.baseId}`] = withCachePrices(model.global);
      } else {
        table[`${prefix}.${model.baseId}`] = geographic;
      }
    }
  }
  return Object.freeze(table);
}

/**
 * Every priced model id, base and profile forms, e.g. `anthropic.claude-sonnet-4-6`,
 * `eu.anthropic.claude-sonnet-4-6`, `global.anthropic.claude-sonnet-4-6`.
 *
 * @example
 * ```ts
 * PRICE_TABLE['eu.anthropic.claude-sonnet-4-6'].output; // 16.5
 * ```
 */
export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = buildPriceTable();

/**
 * The id to look up for `modelId`: a foundation-model ARN prices as its base id (in-region), an
 * inference-profile ARN as the profile id after `inference-profile/`. Application inference
 * profiles (`application-inference-profile/…`) do not name their model (BEDROCK.md §3.1), so
 * they stay unresolved and are not priced.
 *
 * @example
 * ```ts
 * pricingId('arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0');
 * // 'anthropic.claude-3-haiku-20240307-v1:0'
 * ```
 */
export function pricingId(modelId: string): string {
  const arn = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\/(.+)$/.exec(modelId);
  return arn?.[2] ?? modelId;
}

/**
 * The price of calling `modelId`, or `undefined` when the table does not know it.
 *
 * @example
 * ```ts
 * priceFor('global.anthropic.claude-haiku-4-5-20251001-v1:0')?.input; // 1
 * priceFor('eu.anthropic.claude-haiku-4-5-20251001-v1:0')?.input; // 1.1
 * ```
 */
export function priceFor(modelId: string): ModelPrice | undefined {
  const id = pricingId(modelId);
  return Object.hasOwn(PRICE_TABLE, id) ? PRICE_TABLE[id] : undefined;
}

/**
 * Whether {@link priceFor} knows `modelId`. Config uses it so that an unpriced model fails at
 * start instead of being tracked at $0.
 *
 * @example
 * ```ts
 * isPricedModel('eu.anthropic.claude-sonnet-4-6'); // true
 * isPricedModel('eu.anthropic.claude-sonnet-4-6:0'); // false
 * ```
 */
export function isPricedModel(modelId: string): boolean {
  return priceFor(modelId) !== undefined;
}
