/**
 * The mock's reading of a lab report's text into the structured interpretation Serenya
 * asks Claude for. Deterministic: the same text always gives the same interpretation (no
 * randomness, no clock).
 * @module
 */
import { LabInterpretationSchema, type LabInterpretation } from '#shared/interpretation/lab-interpretation.ts';
import { findDocumentDate } from './find-document-date.ts';
import { findTitle } from './find-title.ts';
import { interpretLabValue } from './interpret-lab-value.ts';
import { parseLabLines } from './parse-lab-lines.ts';
import { rateConfidence } from './rate-confidence.ts';
import { adviceFor } from './standing-advice.ts';
import { summariseValues } from './summarise-values.ts';
import { unreadableDocumentInterpretation } from './unreadable-document.ts';

/**
 * Interprets a report's text: title, date, every analyte line flagged and explained, a
 * summary, a confidence and the standing advice. Text without any analyte line gives
 * `unreadableDocumentInterpretation('not_a_lab_report')`. The result is checked against
 * `LabInterpretationSchema`, so a bug here fails loudly rather than feeding the service an
 * answer the real model could never give.
 *
 * @example
 * ```ts
 * const interpretation = interpretLabReport('Lipid Panel\nCollected: 2026-11-02\nLDL Cholesterol 162 mg/dL <100');
 * interpretation.title;             // 'Lipid Panel'
 * interpretation.documentDate;      // '2026-11-02'
 * interpretation.labValues[0].flag; // 'high'
 * ```
 */
export function interpretLabReport(text: string): LabInterpretation {
  const values = parseLabLines(text).map(interpretLabValue);
  if (values.length === 0) return unreadableDocumentInterpretation('not_a_lab_report');
  const summarised = values.map(({ labValue, result }) => ({ name: labValue.name, flag: labValue.flag, direction: result.direction, basis: result.basis }));
  return LabInterpretationSchema.parse({
    title: findTitle(text),
    documentDate: findDocumentDate(text),
    labValues: values.map((value) => value.labValue),
    summary: summariseValues(summarised),
    confidence: rateConfidence(summarised),
    advice: adviceFor(values.some((value) => value.labValue.flag === 'critical')),
  });
}
