/**
 * The `z` namespace for the bundles (see `./index.ts`): zod's classic API, with `locales` and
 * `core.locales` holding English only.
 *
 * @example
 * ```ts
 * import * as z from './namespace.ts';
 * z.object({ name: z.string() });
 * ```
 * @module
 */
import en from '../../../../../node_modules/zod/v4/locales/en.js';

export * from '../../../../../node_modules/zod/v4/classic/external.js';
// Local exports win over `export *`: these two replace zod's `core` and `locales`.
export * as core from './core.ts';
export const locales = { en };
