/**
 * Converse's size limits per attachment (BEDROCK.md §2.8): a `document` block (our PDFs) up to
 * 4.5 MB, an `image` block (our JPEGs and PNGs) up to 3.75 MB; over them Converse answers a
 * ValidationException that no retry fixes. One table for both ends of the pipeline: the
 * documents service refuses such a file at upload (413 FILE_TOO_LARGE), and the processor checks
 * again before calling Bedrock (DOCUMENT_UNREADABLE), for files already stored.
 *
 * @example
 * ```ts
 * if (bytes.byteLength > CONVERSE_ATTACHMENT_LIMITS.imageBytes) throw new AppError('FILE_TOO_LARGE');
 * ```
 * @module
 */

/** The largest attachment Converse accepts, in bytes, per content block kind. */
export const CONVERSE_ATTACHMENT_LIMITS = {
  documentBytes: 4.5 * 1024 * 1024,
  imageBytes: 3.75 * 1024 * 1024,
} as const;

/** The same limits as written in messages (the way Converse writes them). */
export const CONVERSE_ATTACHMENT_LIMIT_TEXT = { documentBytes: '4.5 MB', imageBytes: '3.75 MB' } as const;
