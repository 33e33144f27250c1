/**
 * Decides what an uploaded file is from its first bytes (its "magic number"), never from its
 * name or the declared Content-Type: both are chosen by the client, and a renamed executable or
 * HTML page must not reach S3 and the model as "a PDF".
 * @module
 */
import type { DocumentMediaType } from '#shared/db/schema.ts';

const SIGNATURES: readonly { mediaType: DocumentMediaType; magic: readonly number[] }[] = [
  { mediaType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * The accepted media type the bytes start with, or null for anything else.
 *
 * @example
 * ```ts
 * detectMediaType(new TextEncoder().encode('%PDF-1.7 …')); // 'application/pdf'
 * detectMediaType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0));  // 'image/jpeg'
 * detectMediaType(new TextEncoder().encode('hello'));      // null
 * ```
 */
export function detectMediaType(bytes: Uint8Array): DocumentMediaType | null {
  const match = SIGNATURES.find(({ magic }) => bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte));
  return match?.mediaType ?? null;
}
