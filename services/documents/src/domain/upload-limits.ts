/**
 * How large an upload request may be. The file itself may be up to `MAX_UPLOAD_BYTES` (4.5 MB,
 * `UPLOAD_LIMIT_BYTES` in `#shared/config/documents-config.ts`, which explains why); the request
 * around it adds the multipart framing (boundaries, part headers, a file name), so the body
 * limit is the file limit plus a fixed allowance. Anything over that cannot hold an acceptable
 * file, and the app's body limit stops reading it there instead of buffering it.
 * @module
 */

/** Room for multipart boundaries and part headers: far more than a real client needs. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * The largest request body an upload route reads.
 *
 * @example
 * ```ts
 * uploadBodyLimit(4_500_000); // 4.5 MB + 64 KiB
 * ```
 */
export function uploadBodyLimit(maxUploadBytes: number): number {
  return maxUploadBytes + MULTIPART_OVERHEAD_BYTES;
}
