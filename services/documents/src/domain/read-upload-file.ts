/**
 * Reads the one file of an upload request and checks it: multipart/form-data with a file part
 * named `file`, 1 byte to the size limit, a PDF, JPEG or PNG by its magic bytes, and an image
 * no larger than Converse accepts (3.75 MB, less than the general limit). Every refusal is an
 * {@link AppError} with the code the API documents.
 * @module
 */
import { CONVERSE_ATTACHMENT_LIMIT_TEXT, CONVERSE_ATTACHMENT_LIMITS } from '#shared/bedrock/converse-attachment-limits.ts';
import type { DocumentMediaType } from '#shared/db/schema.ts';
import { AppError } from '#shared/errors/index.ts';
import { detectMediaType } from './detect-media-type.ts';

export interface UploadedFile {
  bytes: Uint8Array;
  mediaType: DocumentMediaType;
}

/** The parts of a request this needs: its Content-Type and a way to parse it as a form. */
export interface UploadRequest {
  contentType: string | undefined;
  formData(): Promise<FormData>;
}

const fileField = (message: string) => new AppError('VALIDATION_ERROR', { message, fields: [{ path: 'file', message }] });

/** `4_500_000` → `4.5 MB` (decimal, rounded down so the message never overstates the limit). */
const megabytes = (bytes: number) => `${String(Math.floor(bytes / 10_000) / 100)} MB`;

/**
 * FILE_TOO_LARGE naming the configured limit: for a file just over it, and for a body so far
 * over it that the app stops reading (`oversizeBodyError`).
 *
 * @example
 * ```ts
 * fileTooLarge(4_500_000).message; // 'The file is larger than 4.5 MB'
 * ```
 */
export function fileTooLarge(maxBytes: number): AppError {
  return new AppError('FILE_TOO_LARGE', { message: `The file is larger than ${megabytes(maxBytes)}` });
}

/**
 * The checked file, or throws VALIDATION_ERROR (not multipart, no `file`, not a file, more
 * than one, empty), FILE_TOO_LARGE (over `maxBytes`, or an image over Converse's image limit)
 * or UNSUPPORTED_MEDIA_TYPE.
 *
 * @example
 * ```ts
 * const { bytes, mediaType } = await readUploadFile({ contentType: c.req.header('content-type'), formData: () => c.req.formData() }, 4_500_000);
 * ```
 */
export async function readUploadFile(request: UploadRequest, maxBytes: number): Promise<UploadedFile> {
  if (!/^multipart\/form-data\s*;/i.test(request.contentType ?? '')) {
    throw new AppError('VALIDATION_ERROR', { message: 'The request must be multipart/form-data with one file field named "file"' });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    throw new AppError('VALIDATION_ERROR', { message: 'The multipart body could not be read', cause: error });
  }
  const parts = form.getAll('file');
  if (parts.length === 0) throw fileField('is required');
  if (parts.length > 1) throw fileField('must be sent once');
  const file = parts[0];
  if (!(file instanceof File)) throw fileField('must be a file, not a text field');
  if (file.size === 0) throw fileField('is empty');
  // The size is known before the bytes are copied out of the form.
  if (file.size > maxBytes) throw fileTooLarge(maxBytes);

  const bytes = new Uint8Array(await file.arrayBuffer());
  const mediaType = detectMediaType(bytes);
  if (mediaType === null) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  // Converse refuses larger images; accepted, it would only fail later as DOCUMENT_UNREADABLE.
  if (mediaType !== 'application/pdf' && bytes.byteLength > CONVERSE_ATTACHMENT_LIMITS.imageBytes) {
    throw new AppError('FILE_TOO_LARGE', { message: `The image is larger than ${CONVERSE_ATTACHMENT_LIMIT_TEXT.imageBytes}, the limit for JPEG and PNG files` });
  }
  return { bytes, mediaType };
}
