/**
 * The user's lab values as a FHIR R4 `Bundle` (`type: 'collection'`) of `Observation`
 * resources, one per `lab_values` row, which is what other health software imports.
 *
 * Decisions:
 * - `id` of each Observation is the lab value's row id, `fullUrl` its `urn:uuid:`; the subject is
 *   `Patient/{userId}`, the opaque Serenya id (no name or e-mail in the bundle; no Patient
 *   resource is included, the profile is in the JSON export).
 * - `code.text` is always the name as printed; a LOINC coding is added only for a known analyte
 *   whose unit fits the code (loinc-codes.ts).
 * - `valueQuantity` and the range bounds carry UCUM `system`/`code` when the unit is known
 *   (ucum-units.ts), otherwise only the printed `unit`.
 * - `interpretation` from the flag, in v3-ObservationInterpretation: low L, normal N, high H;
 *   critical is LL or HH by which bound the value is past, AA when that cannot be told.
 * - `effectiveDateTime` is the report's date when it prints one; `issued` is when Serenya stored
 *   the result. The plain-language explanation goes in `note`.
 * @module
 */
import type { LabFlag } from '#shared/interpretation/lab-interpretation.ts';
import type { ExportedLabValue, ExportedResult } from '../read-results.ts';
import { LOINC_SYSTEM, loincCodingOf } from './loinc-codes.ts';
import { UCUM_SYSTEM, ucumCodeOf } from './ucum-units.ts';

export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const OBSERVATION_INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

export interface FhirCoding {
  system: string;
  code: string;
  display?: string;
}

export interface FhirQuantity {
  value: number;
  unit?: string;
  system?: string;
  code?: string;
}

export interface FhirObservation {
  resourceType: 'Observation';
  id: string;
  status: 'final';
  category: { coding: FhirCoding[] }[];
  code: { coding?: FhirCoding[]; text: string };
  subject: { reference: string };
  effectiveDateTime?: string;
  issued: string;
  valueQuantity: FhirQuantity;
  referenceRange?: { low?: FhirQuantity; high?: FhirQuantity; text: string }[];
  interpretation?: { coding: FhirCoding[] }[];
  note?: { text: string }[];
}

export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: FhirObservation }[];
}

const INTERPRETATION_DISPLAY: Record<string, string> = { L: 'Low', N: 'Normal', H: 'High', LL: 'Critical low', HH: 'Critical high', AA: 'Critical abnormal' };

function interpretationCode(flag: LabFlag, value: ExportedLabValue): string {
  if (flag === 'low') return 'L';
  if (flag === 'normal') return 'N';
  if (flag === 'high') return 'H';
  const range = value.referenceRange;
  if (range?.high != null && value.value > range.high) return 'HH';
  if (range?.low != null && value.value < range.low) return 'LL';
  return 'AA';
}

function quantity(value: number, unit: string, ucum: string | undefined): FhirQuantity {
  const printed = unit.trim();
  return { value, ...(printed ? { unit: printed } : {}), ...(ucum ? { system: UCUM_SYSTEM, code: ucum } : {}) };
}

/**
 * One Observation for a lab value of `result`.
 *
 * @example
 * ```ts
 * toObservation(userId, result, result.labValues[0]).code.coding?.[0]?.code; // '13457-7'
 * ```
 */
export function toObservation(userId: string, result: ExportedResult, value: ExportedLabValue): FhirObservation {
  const ucum = ucumCodeOf(value.unit);
  const loinc = loincCodingOf(value.name, ucum);
  const code = interpretationCode(value.flag, value);
  const range = value.referenceRange;
  return {
    resourceType: 'Observation',
    id: value.id,
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: 'laboratory', display: 'Laboratory' }] }],
    code: { ...(loinc ? { coding: [{ system: LOINC_SYSTEM, code: loinc.code, display: loinc.display }] } : {}), text: value.name },
    subject: { reference: `Patient/${userId}` },
    ...(result.documentDate ? { effectiveDateTime: result.documentDate } : {}),
    issued: result.createdAt,
    valueQuantity: quantity(value.value, value.unit, ucum),
    ...(range
      ? {
          referenceRange: [
            {
              ...(range.low === null ? {} : { low: quantity(range.low, value.unit, ucum) }),
              ...(range.high === null ? {} : { high: quantity(range.high, value.unit, ucum) }),
              text: range.text,
            },
          ],
        }
      : {}),
    interpretation: [{ coding: [{ system: OBSERVATION_INTERPRETATION_SYSTEM, code, display: INTERPRETATION_DISPLAY[code] ?? code }] }],
    note: [{ text: value.explanation }],
  };
}

/**
 * The bundle of every lab value of every result.
 *
 * @example
 * ```ts
 * const bundle = toFhirBundle(userId, await readResults(db, cipher, userId), new Date());
 * ```
 */
export function toFhirBundle(userId: string, results: readonly ExportedResult[], now: Date): FhirBundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: now.toISOString(),
    entry: results.flatMap((result) => result.labValues.map((value) => ({ fullUrl: `urn:uuid:${value.id}`, resource: toObservation(userId, result, value) }))),
  };
}
