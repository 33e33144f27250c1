/**
 * `z.core` for the bundles (see `./index.ts`): zod's core, with `locales` holding English only.
 *
 * @example
 * ```ts
 * import * as core from './core.ts';
 * core.config(core.locales.en());
 * ```
 * @module
 */
import en from '../../../../../node_modules/zod/v4/locales/en.js';

export * from '../../../../../node_modules/zod/v4/core/index.js';
// A local export wins over `export *`: this replaces core's namespace of every translation.
export const locales = { en };
