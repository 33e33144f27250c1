/**
 * The deterministic "brain" of the Bedrock mock: reads a synthetic lab report (text or PDF)
 * into the structured interpretation Serenya asks Claude for, answers chat questions about
 * the results, and estimates token counts for usage figures. Pure functions, no clock, no
 * randomness: the same input always gives the same output.
 * @module
 */
export { extractPdfText } from './extract-pdf-text.ts';
export { PdfUnreadableError, type PdfUnreadableReason } from './pdf-unreadable-error.ts';
export { interpretLabReport } from './interpret-lab-report.ts';
export { unreadableDocumentInterpretation, type UnreadableReason } from './unreadable-document.ts';
export { answerChatQuestion } from './answer-chat.ts';
export { estimateTokens } from './estimate-tokens.ts';
export { makeLabReportPdf } from '../../../../../e2e/fixtures/lab-reports/make-pdf.ts';
