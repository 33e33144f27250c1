/**
 * The lab values in a chat's result context, as the chat service sends it: either JSON (a
 * LabInterpretation, an object holding one, or an array of lab values) or text lines such
 * as `LDL Cholesterol: 162 mg/dL (reference <100) — high`.
 * @module
 */
import { z } from 'zod';
import { LabFlags, ReferenceRangeSchema, type LabFlag } from '#shared/interpretation/lab-interpretation.ts';
import { identifyAnalyte, type AnalyteKey } from './analyte-glossary.ts';
import { flagValue, type FlagResult } from './flag-value.ts';
import { parseLabLines } from './parse-lab-lines.ts';
import type { ValuePrefix } from './parse-lab-line.ts';
import { fromReportedRange, type ParsedRange } from './reference-range.ts';

export interface ContextValue {
  name: string;
  value: number;
  valuePrefix: ValuePrefix;
  unit: string;
  range: ParsedRange | null;
  analyte: AnalyteKey | null;
  /** The flag the context states, else the one `flagValue` gives. */
  flag: LabFlag;
  /** `flagValue`'s reading, with the direction made to agree with a stated flag. */
  result: FlagResult;
}

// Lenient on purpose: the context is ours, but older or trimmed forms should still answer.
const ContextLabValueSchema = z.object({
  name: z.string().min(1),
  value: z.number(),
  unit: z.string().optional(),
  referenceRange: ReferenceRangeSchema.nullable().optional(),
  flag: z.enum(LabFlags).optional(),
});

function labValuesIn(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json as unknown[];
  if (typeof json !== 'object' || json === null) return null;
  const record = json as Record<string, unknown>;
  if (Array.isArray(record['labValues'])) return record['labValues'] as unknown[];
  for (const nested of ['interpretation', 'result', 'structuredResult']) {
    const inner = labValuesIn(record[nested]);
    if (inner !== null) return inner;
  }
  return null;
}

function tryJson(context: string): unknown[] | null {
  const trimmed = context.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  try {
    return labValuesIn(JSON.parse(trimmed));
  } catch {
    return null;
  }
}

function toContextValue(input: { name: string; value: number; valuePrefix: ValuePrefix; unit: string; range: ParsedRange | null; statedFlag: LabFlag | null }): ContextValue {
  const analyte = identifyAnalyte(input.name);
  const computed = flagValue({ analyte, value: input.value, valuePrefix: input.valuePrefix, unit: input.unit, range: input.range });
  const flag = input.statedFlag ?? computed.flag;
  const direction = flag === 'low' ? 'below' : flag === 'high' ? 'above' : flag === 'normal' ? 'within' : computed.direction;
  return { ...input, analyte, flag, result: { ...computed, flag, direction } };
}

/**
 * The values in a chat context. JSON is tried first; anything that is not JSON holding lab
 * values is read line by line with the report line parser.
 *
 * @example
 * ```ts
 * readChatContext('LDL Cholesterol: 162 mg/dL (reference <100) — high')[0];
 * // { name: 'LDL Cholesterol', value: 162, unit: 'mg/dL', flag: 'high', range: { high: 100, … }, … }
 * ```
 */
export function readChatContext(context: string): ContextValue[] {
  const fromJson = tryJson(context);
  if (fromJson !== null) {
    return fromJson.flatMap((item) => {
      const parsed = ContextLabValueSchema.safeParse(item);
      if (!parsed.success) return [];
      const { name, value, unit = '', referenceRange, flag } = parsed.data;
      return [toContextValue({ name, value, valuePrefix: '', unit, range: referenceRange ? fromReportedRange(referenceRange) : null, statedFlag: flag ?? null })];
    });
  }
  return parseLabLines(context).map((line) => toContextValue(line));
}
