/**
 * The content store: interpretations encrypted into `contents` and `lab_values`, and read back.
 *
 * @example
 * ```ts
 * import { readLabContent, storeLabContent } from '#shared/content/index.ts';
 * ```
 * @module
 */
export { CONTENT_SUMMARY_COLUMNS, decryptContentSummary, readContentSummaries, type ContentSummary, type ContentSummaryRow } from './content-summary.ts';
export { CorruptContentError } from './corrupt-content-error.ts';
export { encryptLabContent, type EncryptedLabContent, type NewLabContent } from './encrypt-lab-content.ts';
export { insertLabContent } from './insert-lab-content.ts';
export { readLabContent, type LabContent } from './read-lab-content.ts';
export { readLabValues } from './read-lab-values.ts';
export { storeLabContent } from './store-lab-content.ts';
export { bumpContentVersion, readContentVersion } from './content-version.ts';
