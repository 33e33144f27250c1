/**
 * A small built-in map of common analytes to LOINC codes, for the FHIR export. An analyte is
 * matched by its normalised name (lower case, punctuation as spaces) against aliases; a code is
 * used only when the value's UCUM unit fits the code's property (a mass-concentration LOINC code
 * is never put on a value reported in mmol/L): a wrong code is worse than none, so anything else
 * is exported with its `code.text` alone.
 * @module
 */

export const LOINC_SYSTEM = 'http://loinc.org';

export interface LoincCoding {
  code: string;
  display: string;
}

interface Analyte {
  aliases: readonly string[];
  /** Codes by the UCUM units they fit; the first whose units contain the value's unit wins. */
  codings: readonly (LoincCoding & { units: readonly string[] })[];
}

const ANALYTES: readonly Analyte[] = [
  { aliases: ['hemoglobin', 'haemoglobin', 'hgb', 'hb'], codings: [{ code: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', units: ['g/dL', 'g/L'] }] },
  { aliases: ['white blood cells', 'white blood cell count', 'wbc', 'wbc count', 'leukocytes', 'white cell count'], codings: [{ code: '6690-2', display: 'Leukocytes [#/volume] in Blood by Automated count', units: ['10*9/L', '10*3/uL'] }] },
  { aliases: ['platelets', 'platelet count', 'plt'], codings: [{ code: '777-3', display: 'Platelets [#/volume] in Blood by Automated count', units: ['10*9/L', '10*3/uL'] }] },
  { aliases: ['glucose', 'blood glucose', 'glucose serum', 'glucose plasma'], codings: [{ code: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma', units: ['mg/dL'] }] },
  { aliases: ['glucose fasting', 'fasting glucose', 'fasting blood glucose'], codings: [{ code: '1558-6', display: 'Fasting glucose [Mass/volume] in Serum or Plasma', units: ['mg/dL'] }] },
  { aliases: ['hba1c', 'hemoglobin a1c', 'haemoglobin a1c', 'a1c', 'glycated hemoglobin', 'glycated haemoglobin'], codings: [{ code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', units: ['%'] }] },
  { aliases: ['total cholesterol', 'cholesterol', 'cholesterol total'], codings: [{ code: '2093-3', display: 'Cholesterol [Mass/volume] in Serum or Plasma', units: ['mg/dL'] }] },
  { aliases: ['ldl', 'ldl c', 'ldl cholesterol', 'ldl calculated', 'ldl cholesterol calculated'], codings: [{ code: '13457-7', display: 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation', units: ['mg/dL'] }] },
  { aliases: ['ldl direct', 'direct ldl', 'ldl cholesterol direct'], codings: [{ code: '18262-6', display: 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay', units: ['mg/dL'] }] },
  { aliases: ['hdl', 'hdl c', 'hdl cholesterol'], codings: [{ code: '2085-9', display: 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', units: ['mg/dL'] }] },
  { aliases: ['triglycerides', 'triglyceride', 'trig'], codings: [{ code: '2571-8', display: 'Triglyceride [Mass/volume] in Serum or Plasma', units: ['mg/dL'] }] },
  {
    aliases: ['creatinine', 'creatinine serum', 'serum creatinine'],
    codings: [
      { code: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', units: ['mg/dL'] },
      { code: '14682-9', display: 'Creatinine [Moles/volume] in Serum or Plasma', units: ['umol/L'] },
    ],
  },
  { aliases: ['egfr', 'estimated gfr', 'egfr ckd epi 2021'], codings: [{ code: '98979-8', display: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)', units: ['mL/min/{1.73_m2}'] }] },
  { aliases: ['egfr ckd epi', 'egfr ckd epi 2009'], codings: [{ code: '62238-1', display: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)', units: ['mL/min/{1.73_m2}'] }] },
  { aliases: ['alt', 'alt sgpt', 'sgpt', 'alanine aminotransferase'], codings: [{ code: '1742-6', display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', units: ['U/L'] }] },
  { aliases: ['ast', 'ast sgot', 'sgot', 'aspartate aminotransferase'], codings: [{ code: '1920-8', display: 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', units: ['U/L'] }] },
  { aliases: ['tsh', 'thyroid stimulating hormone', 'thyrotropin'], codings: [{ code: '3016-3', display: 'Thyrotropin [Units/volume] in Serum or Plasma', units: ['m[IU]/L', 'u[IU]/mL'] }] },
  {
    aliases: ['free t4', 'ft4', 't4 free', 'free thyroxine', 'thyroxine free'],
    codings: [
      { code: '3024-7', display: 'Thyroxine (T4) free [Mass/volume] in Serum or Plasma', units: ['ng/dL'] },
      { code: '14920-3', display: 'Thyroxine (T4) free [Moles/volume] in Serum or Plasma', units: ['pmol/L'] },
    ],
  },
  { aliases: ['sodium', 'na'], codings: [{ code: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma', units: ['mmol/L', 'meq/L'] }] },
  { aliases: ['potassium', 'k'], codings: [{ code: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma', units: ['mmol/L', 'meq/L'] }] },
  { aliases: ['chloride', 'cl'], codings: [{ code: '2075-0', display: 'Chloride [Moles/volume] in Serum or Plasma', units: ['mmol/L', 'meq/L'] }] },
  { aliases: ['carbon dioxide', 'co2', 'total co2', 'carbon dioxide total', 'bicarbonate', 'hco3'], codings: [{ code: '2028-9', display: 'Carbon dioxide, total [Moles/volume] in Serum or Plasma', units: ['mmol/L', 'meq/L'] }] },
  { aliases: ['bun', 'urea nitrogen', 'urea nitrogen bun', 'blood urea nitrogen'], codings: [{ code: '3094-0', display: 'Urea nitrogen [Mass/volume] in Serum or Plasma', units: ['mg/dL'] }] },
  { aliases: ['calcium', 'ca', 'calcium total', 'total calcium'], codings: [{ code: '17861-6', display: 'Calcium [Mass/volume] in Serum or Plasma', units: ['mg/dL'] }] },
  { aliases: ['albumin', 'albumin serum'], codings: [{ code: '1751-7', display: 'Albumin [Mass/volume] in Serum or Plasma', units: ['g/dL'] }] },
  { aliases: ['vitamin d 25 oh', '25 oh vitamin d', 'vitamin d', '25 hydroxyvitamin d', 'vitamin d 25 hydroxy'], codings: [{ code: '1989-3', display: '25-Hydroxyvitamin D3+25-Hydroxyvitamin D2 [Mass/volume] in Serum or Plasma', units: ['ng/mL'] }] },
  { aliases: ['ferritin'], codings: [{ code: '2276-4', display: 'Ferritin [Mass/volume] in Serum or Plasma', units: ['ng/mL', 'ug/L'] }] },
  { aliases: ['vitamin b12', 'b12', 'cobalamin'], codings: [{ code: '2132-9', display: 'Cobalamin (Vitamin B12) [Mass/volume] in Serum or Plasma', units: ['pg/mL', 'ng/L'] }] },
];

/** Lower case, every run of non-alphanumerics as one space, trimmed: `Vitamin D, 25-OH` → `vitamin d 25 oh`. */
export function normaliseAnalyteName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_ALIAS = new Map<string, Analyte>(ANALYTES.flatMap((analyte) => analyte.aliases.map((alias) => [alias, analyte] as const)));

/**
 * The LOINC coding of an analyte reported in `ucumCode`, or undefined when the name is unknown
 * or the unit does not fit any of its codes.
 *
 * @example
 * ```ts
 * loincCodingOf('LDL Cholesterol', 'mg/dL')?.code; // '13457-7'
 * loincCodingOf('LDL Cholesterol', 'mmol/L'); // undefined
 * ```
 */
export function loincCodingOf(name: string, ucumCode: string | undefined): LoincCoding | undefined {
  const analyte = BY_ALIAS.get(normaliseAnalyteName(name));
  if (!analyte || ucumCode === undefined) return undefined;
  const coding = analyte.codings.find((c) => c.units.includes(ucumCode));
  return coding ? { code: coding.code, display: coding.display } : undefined;
}

/** How many analytes the map knows (for documentation and tests). */
export const KNOWN_ANALYTE_COUNT = ANALYTES.length;
