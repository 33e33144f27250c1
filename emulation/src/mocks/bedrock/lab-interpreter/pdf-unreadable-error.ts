/**
 * The typed error `extractPdfText` throws when a document gives no text to read.
 * @module
 */

/**
 * Why: not a PDF at all (or too damaged to open), encrypted (needs a password), or no text
 * layer (a scan or photo, or blank pages). For the interpretation, `no_text_layer` maps to
 * `unreadableDocumentInterpretation('image')`, the other two to `'no_text'`.
 */
export type PdfUnreadableReason = 'not_a_pdf' | 'encrypted' | 'no_text_layer';

/**
 * Thrown by `extractPdfText`; `reason` says why, `cause` keeps PDF.js's own error.
 *
 * @example
 * ```ts
 * try { await extractPdfText(bytes); }
 * catch (error) { if (error instanceof PdfUnreadableError && error.reason === 'no_text_layer') … }
 * ```
 */
export class PdfUnreadableError extends Error {
  override readonly name = 'PdfUnreadableError';
  readonly reason: PdfUnreadableReason;

  constructor(reason: PdfUnreadableReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
