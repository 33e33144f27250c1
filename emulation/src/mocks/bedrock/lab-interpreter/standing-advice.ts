/**
 * The advice every interpretation carries: discuss the results with a clinician, never a
 * diagnosis; and, when a value is critical, do so promptly or seek urgent care.
 * @module
 */

export const STANDING_ADVICE =
  'These results are information, not a diagnosis. Please discuss them with your clinician, who can interpret them alongside your health history and how you feel.';
export const CRITICAL_ADVICE =
  'At least one value is far outside its reference range: please contact your clinician promptly, or seek urgent care if you cannot reach them or you feel unwell.';

/**
 * The advice sentence(s).
 *
 * @example
 * ```ts
 * adviceFor(false); // STANDING_ADVICE
 * adviceFor(true);  // STANDING_ADVICE + ' ' + CRITICAL_ADVICE
 * ```
 */
export function adviceFor(hasCritical: boolean): string {
  return hasCritical ? `${STANDING_ADVICE} ${CRITICAL_ADVICE}` : STANDING_ADVICE;
}
