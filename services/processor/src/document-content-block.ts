/**
 * The Converse content block that carries an uploaded document to Claude: a `document` block
 * for a PDF, an `image` block for a JPEG or PNG. Bytes go inline (the SDK base64-encodes them);
 * they are never written anywhere else.
 *
 * Converse refuses documents over 4.5 MB and images over 3.75 MB (BEDROCK.md §2.8;
 * `#shared/bedrock/converse-attachment-limits.ts`). The documents service already refuses such
 * uploads with 413; this check stays as defence in depth for files already stored (uploaded
 * before that check, or under a raised limit). Such a file cannot be interpreted whatever we
 * retry, so it is refused here as DOCUMENT_UNREADABLE (permanent) instead of spending a Bedrock
 * call to learn the same from a ValidationException.
 *
 * @example
 * ```ts
 * const block = documentContentBlock(bytes, 'application/pdf'); // { document: { format: 'pdf', name: 'lab-report', source: { bytes } } }
 * ```
 * @module
 */
import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { CONVERSE_ATTACHMENT_LIMITS } from '#shared/bedrock/converse-attachment-limits.ts';
import type { DocumentMediaType } from '#shared/db/schema.ts';
import { AppError } from '#shared/errors/index.ts';

/**
 * The document's name as Claude sees it. Fixed and neutral: Converse allows only letters,
 * digits, single spaces, hyphens, parentheses and brackets, and the user's file name (which may
 * hold their name) is not needed.
 */
export const DOCUMENT_NAME = 'lab-report';

/**
 * The content block for `bytes` of `mediaType`; throws AppError DOCUMENT_UNREADABLE when the
 * file is too large for Converse.
 *
 * @example
 * ```ts
 * documentContentBlock(jpegBytes, 'image/jpeg'); // { image: { format: 'jpeg', source: { bytes } } }
 * ```
 */
export function documentContentBlock(bytes: Uint8Array, mediaType: DocumentMediaType): ContentBlock {
  if (mediaType === 'application/pdf') {
    if (bytes.byteLength > CONVERSE_ATTACHMENT_LIMITS.documentBytes) throw tooLarge('document');
    return { document: { format: 'pdf', name: DOCUMENT_NAME, source: { bytes } } };
  }
  if (bytes.byteLength > CONVERSE_ATTACHMENT_LIMITS.imageBytes) throw tooLarge('image');
  return { image: { format: mediaType === 'image/png' ? 'png' : 'jpeg', source: { bytes } } };
}

function tooLarge(kind: 'document' | 'image'): AppError {
  return new AppError('DOCUMENT_UNREADABLE', { cause: new Error(`the ${kind} is larger than Converse accepts`) });
}
