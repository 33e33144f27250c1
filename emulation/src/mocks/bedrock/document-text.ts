/**
 * The text the mock reads from a document block. Like default Converse (no citations), only
 * a PDF's text layer counts: a scanned PDF without one is unreadable, as are Office formats,
 * which the mock does not parse.
 * @see /work/shared/docs/BEDROCK.md §2.8 ("PDFs")
 * @module
 */
import { extractPdfText } from './lab-interpreter/index.ts';
import type { DocumentPart } from './model-request.ts';

export type DocumentText = { readable: true; text: string } | { readable: false };

/**
 * Extracts the text of one document part; never throws for bad content.
 *
 * @example
 * ```ts
 * const result = await documentText({ kind: 'document', format: 'pdf', name: 'report', bytes });
 * if (result.readable) interpretLabReport(result.text);
 * ```
 */
export async function documentText(part: DocumentPart): Promise<DocumentText> {
  const text = await rawText(part);
  return text === undefined || text.trim() === '' ? { readable: false } : { readable: true, text };
}

async function rawText(part: DocumentPart): Promise<string | undefined> {
  if (part.text !== undefined) return part.text;
  const bytes = part.bytes ?? new Uint8Array();
  switch (part.format) {
    case 'pdf':
      try {
        return await extractPdfText(bytes);
      } catch {
        // Not a PDF, encrypted, or no text layer (a scan): the model would see nothing useful.
        return undefined;
      }
    case 'txt':
    case 'md':
    case 'csv':
      return Buffer.from(bytes).toString('utf8');
    case 'html':
      return Buffer.from(bytes)
        .toString('utf8')
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]+>/g, ' ');
    default:
      return undefined;
  }
}
