/**
 * A PDF's text layer, read with unpdf (a serverless build of Mozilla's PDF.js), the way the
 * mock sees an uploaded lab report before interpreting it.
 * @module
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { PdfUnreadableError } from './pdf-unreadable-error.ts';

// Every PDF starts with this header; PDF.js tolerates up to 1 KiB of junk before it.
const PDF_HEADER = '%PDF-';
const HEADER_SEARCH_BYTES = 1024;

function hasPdfHeader(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes.subarray(0, HEADER_SEARCH_BYTES)).includes(PDF_HEADER);
}

/**
 * All pages' text joined with `\n` (PDF.js puts a line break at the end of each text line).
 * Throws `PdfUnreadableError`: `not_a_pdf` for bytes without a PDF header or that PDF.js
 * cannot open, `encrypted` for a password-protected PDF, `no_text_layer` when the pages
 * carry no text (a scan, a photo, blank pages). The input is copied first, because PDF.js
 * may take over (detach) the buffer it is given.
 *
 * @example
 * ```ts
 * const text = await extractPdfText(await makeLabReportPdf('Hemoglobin 11.2 g/dL 12.0-15.5'));
 * // 'Hemoglobin 11.2 g/dL 12.0-15.5'
 * ```
 */
export async function extractPdfText(pdf: Uint8Array): Promise<string> {
  if (!hasPdfHeader(pdf)) throw new PdfUnreadableError('not_a_pdf', 'The document is not a PDF (no %PDF- header).');
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // verbosity 0: PDF.js would otherwise print its recovery warnings to the console.
    document = await getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 });
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') {
      throw new PdfUnreadableError('encrypted', 'The PDF is encrypted and needs a password.', { cause: error });
    }
    throw new PdfUnreadableError('not_a_pdf', 'The PDF could not be opened.', { cause: error });
  }
  try {
    const { text } = await extractText(document, { mergePages: false });
    const joined = text.join('\n');
    if (joined.trim() === '') throw new PdfUnreadableError('no_text_layer', 'The PDF has no text layer (it may be a scanned image).');
    return joined;
  } catch (error) {
    if (error instanceof PdfUnreadableError) throw error;
    throw new PdfUnreadableError('not_a_pdf', 'The PDF text could not be read.', { cause: error });
  } finally {
    // PDFDocumentProxy.destroy is not in the bundled typings; it forwards to the loading task.
    await document.loadingTask.destroy();
  }
}
