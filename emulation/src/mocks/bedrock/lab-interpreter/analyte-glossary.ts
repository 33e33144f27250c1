/**
 * The small built-in glossary: which analyte a printed name means (by alias), and one
 * plain-language, non-diagnostic sentence on what it measures.
 * @module
 */

interface GlossaryEntry {
  /** How answers name the analyte when the report does not, e.g. for one it lacks. */
  name: string;
  aliases: readonly string[];
  about: string;
}

/** Aliases are compared after `normaliseAnalyteName`, so "LDL-C" and "ldl c" are the same. */
const GLOSSARY = {
  hemoglobin: { name: 'Hemoglobin', aliases: ['hemoglobin', 'haemoglobin', 'hgb', 'hb'], about: 'Hemoglobin is the protein in red blood cells that carries oxygen around the body.' },
  wbc: {
    name: 'White blood cells',
    aliases: ['white blood cells', 'white blood cell count', 'white blood cell', 'white cell count', 'wbc', 'wbc count', 'total wbc', 'leukocytes', 'leucocytes'],
    about: 'White blood cells are part of the immune system, which helps the body fight infection.',
  },
  rbc: { name: 'Red blood cells', aliases: ['red blood cells', 'red blood cell count', 'red blood cell', 'red cell count', 'rbc', 'erythrocytes'], about: 'Red blood cells carry oxygen from the lungs to the rest of the body.' },
  hematocrit: { name: 'Hematocrit', aliases: ['hematocrit', 'haematocrit', 'hct', 'packed cell volume', 'pcv'], about: 'Hematocrit is the share of your blood volume made up of red blood cells.' },
  mcv: { name: 'MCV', aliases: ['mcv', 'mean corpuscular volume', 'mean cell volume'], about: 'MCV is the average size of your red blood cells.' },
  mch: { name: 'MCH', aliases: ['mch', 'mean corpuscular hemoglobin', 'mean cell hemoglobin', 'mean cell haemoglobin'], about: 'MCH is the average amount of hemoglobin in each red blood cell.' },
  mchc: { name: 'MCHC', aliases: ['mchc', 'mean corpuscular hemoglobin concentration', 'mean cell hemoglobin concentration'], about: 'MCHC is the average concentration of hemoglobin inside your red blood cells.' },
  rdw: { name: 'RDW', aliases: ['rdw', 'rdw cv', 'red cell distribution width'], about: 'RDW describes how much your red blood cells vary in size.' },
  platelets: { name: 'Platelets', aliases: ['platelets', 'platelet count', 'platelet', 'plt', 'thrombocytes'], about: 'Platelets are small blood cells that help the blood to clot.' },
  neutrophils: { name: 'Neutrophils', aliases: ['neutrophils', 'neutrophil count', 'neut', 'absolute neutrophils', 'anc'], about: 'Neutrophils are the most common type of white blood cell and respond early to infection.' },
  lymphocytes: { name: 'Lymphocytes', aliases: ['lymphocytes', 'lymphocyte count', 'lymph', 'absolute lymphocytes'], about: 'Lymphocytes are white blood cells that help the body recognise and remember germs.' },
  glucose: {
    name: 'Glucose',
    aliases: ['glucose', 'glucose fasting', 'fasting glucose', 'fasting blood glucose', 'fasting plasma glucose', 'blood glucose', 'plasma glucose', 'blood sugar', 'fbg', 'fpg'],
    about: "Glucose is the main sugar in your blood and your body's main source of energy.",
  },
  hba1c: {
    name: 'HbA1c',
    aliases: ['hba1c', 'hemoglobin a1c', 'haemoglobin a1c', 'a1c', 'glycated hemoglobin', 'glycated haemoglobin', 'glycohemoglobin'],
    about: 'HbA1c reflects your average blood sugar level over the past two to three months.',
  },
  total_cholesterol: { name: 'Total cholesterol', aliases: ['total cholesterol', 'cholesterol total', 'cholesterol', 'serum cholesterol'], about: 'Total cholesterol is the overall amount of cholesterol, a fatty substance, in your blood.' },
  ldl: {
    name: 'LDL cholesterol',
    aliases: ['ldl', 'ldl cholesterol', 'ldl c', 'ldl calc', 'ldl calculated', 'ldl direct', 'ldl cholesterol calculated', 'low density lipoprotein', 'low density lipoprotein cholesterol'],
    about: "LDL cholesterol is often called 'bad' cholesterol because it can build up in the walls of blood vessels.",
  },
  hdl: {
    name: 'HDL cholesterol',
    aliases: ['hdl', 'hdl cholesterol', 'hdl c', 'high density lipoprotein', 'high density lipoprotein cholesterol'],
    about: "HDL cholesterol is often called 'good' cholesterol because it helps carry cholesterol away from blood vessels.",
  },
  non_hdl: { name: 'Non-HDL cholesterol', aliases: ['non hdl cholesterol', 'non hdl', 'non hdl c'], about: 'Non-HDL cholesterol is your total cholesterol minus the HDL part.' },
  triglycerides: { name: 'Triglycerides', aliases: ['triglycerides', 'triglyceride', 'trig', 'trigs', 'tg'], about: 'Triglycerides are a type of fat in the blood that the body uses for energy.' },
  creatinine: { name: 'Creatinine', aliases: ['creatinine', 'creat', 'serum creatinine'], about: 'Creatinine is a waste product from muscles that the kidneys filter out of the blood.' },
  egfr: {
    name: 'eGFR',
    aliases: ['egfr', 'gfr', 'estimated gfr', 'gfr estimated', 'estimated glomerular filtration rate', 'egfr ckd epi'],
    about: 'eGFR is an estimate of how well the kidneys are filtering the blood.',
  },
  urea: { name: 'Urea (BUN)', aliases: ['bun', 'blood urea nitrogen', 'urea nitrogen', 'urea'], about: 'Urea is a waste product that the kidneys remove from the blood.' },
  alt: { name: 'ALT', aliases: ['alt', 'alt sgpt', 'sgpt', 'alat', 'alanine aminotransferase', 'alanine transaminase'], about: 'ALT is an enzyme found mainly in the liver.' },
  ast: { name: 'AST', aliases: ['ast', 'ast sgot', 'sgot', 'asat', 'aspartate aminotransferase', 'aspartate transaminase'], about: 'AST is an enzyme found in the liver, the muscles and other tissues.' },
  alp: { name: 'ALP', aliases: ['alp', 'alkaline phosphatase', 'alk phos'], about: 'ALP is an enzyme found mainly in the liver and the bones.' },
  ggt: { name: 'GGT', aliases: ['ggt', 'gamma gt', 'gamma glutamyl transferase', 'gamma glutamyltransferase'], about: 'GGT is an enzyme found mainly in the liver.' },
  bilirubin: { name: 'Bilirubin', aliases: ['bilirubin', 'total bilirubin', 'bilirubin total'], about: 'Bilirubin is a yellow substance made when old red blood cells are broken down; the liver clears it.' },
  albumin: { name: 'Albumin', aliases: ['albumin', 'serum albumin'], about: 'Albumin is the main protein in the blood, made by the liver.' },
  total_protein: { name: 'Total protein', aliases: ['total protein', 'protein total'], about: 'Total protein is the combined amount of the proteins in your blood.' },
  tsh: { name: 'TSH', aliases: ['tsh', 'thyroid stimulating hormone', 'thyrotropin'], about: 'TSH is a hormone from the pituitary gland that tells the thyroid how much hormone to make.' },
  free_t4: { name: 'Free T4', aliases: ['free t4', 'ft4', 't4 free', 'free thyroxine', 'thyroxine free'], about: 'Free T4 is the main hormone made by the thyroid gland, measured in the form the body can use.' },
  free_t3: { name: 'Free T3', aliases: ['free t3', 'ft3', 't3 free', 'free triiodothyronine'], about: 'Free T3 is the more active thyroid hormone, measured in the form the body can use.' },
  anti_tpo: {
    name: 'Anti-TPO',
    aliases: ['anti tpo', 'tpo antibodies', 'tpo ab', 'anti tpo antibodies', 'thyroid peroxidase antibodies', 'anti thyroid peroxidase'],
    about: 'Anti-TPO measures antibodies against an enzyme of the thyroid gland.',
  },
  sodium: { name: 'Sodium', aliases: ['sodium', 'na', 'na+'], about: 'Sodium is a salt that helps control the balance of fluids in the body.' },
  potassium: { name: 'Potassium', aliases: ['potassium', 'k', 'k+'], about: 'Potassium is a mineral that helps nerves and muscles, including the heart, work properly.' },
  chloride: { name: 'Chloride', aliases: ['chloride', 'cl'], about: 'Chloride is a salt that works with sodium to keep the fluids in the body balanced.' },
  bicarbonate: { name: 'Bicarbonate', aliases: ['bicarbonate', 'bicarb', 'hco3', 'co2', 'total co2', 'carbon dioxide'], about: "Bicarbonate (CO2) helps keep the body's acid-base balance steady." },
  calcium: { name: 'Calcium', aliases: ['calcium', 'ca', 'calcium total', 'total calcium'], about: 'Calcium is a mineral that matters for bones, muscles and nerves.' },
  magnesium: { name: 'Magnesium', aliases: ['magnesium', 'mg'], about: 'Magnesium is a mineral that helps muscles and nerves work.' },
  phosphate: { name: 'Phosphate', aliases: ['phosphate', 'phosphorus', 'inorganic phosphate'], about: 'Phosphate is a mineral that works with calcium to build bones.' },
  vitamin_d: {
    name: 'Vitamin D',
    aliases: ['vitamin d', 'vit d', '25 oh vitamin d', '25 hydroxyvitamin d', '25 hydroxy vitamin d', 'vitamin d 25 oh', 'vitamin d 25 hydroxy', 'vitamin d total', '25 oh d'],
    about: 'Vitamin D helps the body absorb calcium and keep bones healthy.',
  },
  vitamin_b12: { name: 'Vitamin B12', aliases: ['vitamin b12', 'b12', 'cobalamin', 'vit b12'], about: 'Vitamin B12 is a vitamin the body needs to make red blood cells and keep nerves healthy.' },
  folate: { name: 'Folate', aliases: ['folate', 'folic acid', 'serum folate'], about: 'Folate is a B vitamin the body needs to make new cells, including red blood cells.' },
  ferritin: { name: 'Ferritin', aliases: ['ferritin', 'serum ferritin'], about: "Ferritin is a protein that stores iron, so it reflects the body's iron stores." },
  iron: { name: 'Iron', aliases: ['iron', 'serum iron'], about: 'Iron is a mineral the body needs to make hemoglobin.' },
  crp: { name: 'CRP', aliases: ['crp', 'c reactive protein', 'hs crp', 'hscrp', 'high sensitivity crp'], about: 'CRP is a protein that rises when there is inflammation in the body.' },
  uric_acid: { name: 'Uric acid', aliases: ['uric acid', 'urate'], about: 'Uric acid is a waste product the body makes when it breaks down certain foods.' },
} as const satisfies Record<string, GlossaryEntry>;

/** The analytes the glossary knows, e.g. `'hemoglobin'`, `'ldl'`, `'potassium'`. */
export type AnalyteKey = keyof typeof GLOSSARY;

const GENERIC_ABOUT = 'This is one of the measurements on your report; the lab compares it with a reference range, the span of values usually seen in healthy adults.';

/**
 * A name in comparison form: lower case, µ as u, punctuation and hyphens as spaces, single
 * spaces. "LDL-C" → "ldl c", "Glucose, fasting:" → "glucose fasting".
 *
 * @example
 * ```ts
 * normaliseAnalyteName('Vitamin D (25-OH)'); // 'vitamin d 25 oh'
 * ```
 */
export function normaliseAnalyteName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[µμ]/g, 'u')
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();
}

const BY_ALIAS = new Map<string, AnalyteKey>(
  (Object.entries(GLOSSARY) as Array<[AnalyteKey, GlossaryEntry]>).flatMap(([key, entry]) => entry.aliases.map((alias) => [normaliseAnalyteName(alias), key] as const)),
);

// Words that qualify the specimen or method but not the analyte.
const QUALIFIERS = /\b(?:serum|plasma|whole blood|calc|calculated|direct|measured|level|result|s|p|b)\b/g;

/**
 * Which analyte a printed name means, or null for one the glossary does not know. Tries the
 * whole name, then the name without its parenthesised part, then the parenthesised part
 * alone ("Alanine aminotransferase (ALT)"), then each of those without specimen words.
 *
 * @example
 * ```ts
 * identifyAnalyte('Glucose, fasting'); // 'glucose'
 * identifyAnalyte('LDL-C');            // 'ldl'
 * identifyAnalyte('Hemoglobin A1c');   // 'hba1c'
 * identifyAnalyte('Mystery marker');   // null
 * ```
 */
export function identifyAnalyte(name: string): AnalyteKey | null {
  const inside = [...name.matchAll(/\(([^)]*)\)/g)].map((match) => match[1] ?? '');
  const outside = name.replace(/\([^)]*\)/g, ' ');
  const variants = [name, outside, ...inside].map(normaliseAnalyteName);
  const candidates = [...variants, ...variants.map((variant) => variant.replace(QUALIFIERS, ' ').replace(/\s+/g, ' ').trim())];
  for (const candidate of candidates) {
    const key = BY_ALIAS.get(candidate);
    if (key !== undefined) return key;
  }
  return null;
}

/**
 * One plain sentence on what the analyte measures; a generic sentence for unknown ones.
 *
 * @example
 * ```ts
 * analyteAbout('potassium'); // 'Potassium is a mineral that helps nerves and muscles, …'
 * analyteAbout(null);        // 'This is one of the measurements on your report; …'
 * ```
 */
export function analyteAbout(key: AnalyteKey | null): string {
  return key === null ? GENERIC_ABOUT : GLOSSARY[key].about;
}

/**
 * The analytes a free-text question mentions, by alias, longest mention first when two
 * overlap ("LDL cholesterol" is LDL, not total cholesterol). Aliases of one or two letters
 * ("k", "na", "hb") are skipped: in a sentence they are too often something else.
 *
 * @example
 * ```ts
 * analytesMentionedIn('Why is my LDL cholesterol high?'); // ['ldl']
 * ```
 */
export function analytesMentionedIn(text: string): AnalyteKey[] {
  const haystack = ` ${normaliseAnalyteName(text)} `;
  const mentions: Array<{ key: AnalyteKey; start: number; end: number }> = [];
  for (const [alias, key] of BY_ALIAS) {
    if (alias.length < 3) continue;
    const start = haystack.indexOf(` ${alias} `);
    if (start >= 0) mentions.push({ key, start, end: start + alias.length + 1 });
  }
  mentions.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: typeof mentions = [];
  for (const mention of mentions) {
    const overlaps = kept.some((other) => mention.start < other.end && other.start < mention.end);
    if (!overlaps && !kept.some((other) => other.key === mention.key)) kept.push(mention);
  }
  return kept.sort((a, b) => a.start - b.start).map((mention) => mention.key);
}

/**
 * A readable name for a glossary key, for answers about an
 * analyte that the results do not contain.
 *
 * @example
 * ```ts
 * analyteDisplayName('ferritin'); // 'Ferritin'
 * ```
 */
export function analyteDisplayName(key: AnalyteKey): string {
  return GLOSSARY[key].name;
}
