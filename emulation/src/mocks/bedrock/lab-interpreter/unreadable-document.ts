/**
 * The interpretation for a document that could not be read: valid against the contract,
 * no values, a low confidence, and a summary that says so plainly.
 * @module
 */
import type { LabInterpretation } from '#shared/interpretation/lab-interpretation.ts';
import { STANDING_ADVICE } from './standing-advice.ts';

/**
 * Why a document could not be read: a scan or photo without a text layer (`image`), a
 * document with no text at all (`no_text`), or readable text with no lab values in it
 * (`not_a_lab_report`). `extractPdfText` throws `PdfUnreadableError` with reason
 * `no_text_layer` for the first two cases.
 */
export type UnreadableReason = 'image' | 'no_text' | 'not_a_lab_report';

/** At most 0.2, as the contract's consumers expect for unreadable input. */
export const UNREADABLE_CONFIDENCE = 0.1;

const SUMMARIES: Record<UnreadableReason, { title: string; summary: string }> = {
  image: {
    title: 'Document could not be read',
    summary:
      'We could not read this document: it appears to be a scanned image or photo without a text layer, so no lab values could be taken from it. A PDF exported by the lab, or a clearer copy, may work.',
  },
  no_text: {
    title: 'Document could not be read',
    summary: 'We could not read this document: it contains no text we could extract, so no lab values could be taken from it.',
  },
  not_a_lab_report: {
    title: 'No lab values found',
    summary: 'We could not read any lab values in this document, so it could not be interpreted. It may not be a lab report, or its layout may not be one we recognise.',
  },
};

/**
 * The interpretation for an unreadable document.
 *
 * @example
 * ```ts
 * const interpretation = unreadableDocumentInterpretation('image');
 * interpretation.labValues;  // []
 * interpretation.confidence; // 0.1
 * ```
 */
export function unreadableDocumentInterpretation(reason: UnreadableReason): LabInterpretation {
  const { title, summary } = SUMMARIES[reason];
  return { title, documentDate: null, labValues: [], summary, confidence: UNREADABLE_CONFIDENCE, advice: STANDING_ADVICE };
}
