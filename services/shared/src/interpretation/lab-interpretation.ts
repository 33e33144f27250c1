/**
 * The structured interpretation Serenya asks Claude for, and validates before storing: one
 * entry per analyte (name, value, unit, reference range, flag, plain-language explanation),
 * an overall summary, a confidence, and the standing advice to discuss results with a
 * clinician. It is offered to the model as a tool (`LAB_INTERPRETATION_TOOL`), so the answer
 * arrives as the tool's JSON input.
 *
 * @example
 * ```ts
 * const parsed = LabInterpretationSchema.safeParse(toolUse.input);
 * if (!parsed.success) askAgainWith(parsed.error.issues);
 * ```
 * @module
 */
import { z } from 'zod';

export const LabFlags = ['low', 'normal', 'high', 'critical'] as const;
export type LabFlag = (typeof LabFlags)[number];

export const ReferenceRangeSchema = z.object({
  /** Lower bound, null when the range is open below (e.g. "< 5.0"). */
  low: z.number().nullable(),
  /** Upper bound, null when the range is open above (e.g. "> 60"). */
  high: z.number().nullable(),
  /** The range as printed on the report, e.g. "4.0-11.0". */
  text: z.string().max(100),
});

export const LabValueSchema = z.object({
  name: z.string().min(1).max(200),
  value: z.number(),
  unit: z.string().max(50),
  referenceRange: ReferenceRangeSchema.nullable(),
  flag: z.enum(LabFlags),
  explanation: z.string().min(1).max(1_000),
});
export type LabValue = z.infer<typeof LabValueSchema>;

export const LabInterpretationSchema = z.object({
  title: z.string().min(1).max(200),
  /** The report's date (collection or report), ISO yyyy-mm-dd, when one is printed. */
  documentDate: z.iso.date().nullable(),
  labValues: z.array(LabValueSchema).max(200),
  summary: z.string().min(1).max(4_000),
  /** 0 to 1: how sure the reading of the document is (low for unreadable input). */
  confidence: z.number().min(0).max(1),
  /** Always present: discuss these results with a clinician; never a diagnosis. */
  advice: z.string().min(1).max(1_000),
});
export type LabInterpretation = z.infer<typeof LabInterpretationSchema>;

/** The tool the document prompt offers; its input schema is the interpretation schema. */
export const LAB_INTERPRETATION_TOOL = {
  name: 'record_lab_interpretation',
  description: 'Record the structured, non-diagnostic interpretation of the lab report.',
  inputSchema: z.toJSONSchema(LabInterpretationSchema, { target: 'draft-2020-12' }),
} as const;
