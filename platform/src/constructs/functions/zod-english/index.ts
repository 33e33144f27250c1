/**
 * `zod` as bundled into the Lambdas (esbuild `--alias:zod=` this file, see `../bundling.ts`):
 * zod's own classic API, the same modules and classes, except that the namespace's `locales`
 * (and `core.locales`) hold English only.
 *
 * Why: @hono/zod-openapi passes the `z` namespace to `extendZodWithOpenApi(z)` as a value, so a
 * bundler must build the whole namespace object, and with it `z.locales` and `z.core.locales`:
 * every one of zod's ~60 translations, ~260 KiB minified per function, none of them ever used.
 * English stays the default: zod registers it itself (`v4/classic/schemas.js` imports
 * `locales/en.js` directly), so error messages are unchanged. Only `z.config(z.locales.xx())`
 * for another language would fail here, and nothing does that.
 *
 * zod's files are imported by relative path, not as `zod/…`: esbuild's alias also rewrites
 * every `zod/…` subpath to this file, and zod's `exports` hides `v4/classic/external.js`. If a
 * zod release moves these files the bundle fails to build, loudly, rather than shipping
 * something else. Type-checked against zod's own declarations; vitest and tsc never see the
 * alias, only the bundles do.
 *
 * @example
 * ```sh
 * esbuild handler.ts --bundle --alias:zod=./platform/src/constructs/functions/zod-english/index.ts
 * ```
 * @module
 */
// As zod's own `index.js` does: `z` is the namespace of the classic API.
import * as z from './namespace.ts';

export * from './namespace.ts';
export { z, z as default };
