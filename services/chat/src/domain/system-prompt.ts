/**
 * The chat model's system prompt: the safety rules, then the user's result as context, one line
 * per value (`LDL Cholesterol: 162 mg/dL (reference <100) — high`). The result is PHI: it lives
 * in this string only for the call, and is never logged.
 * @module
 */
import type { LabContent } from '#shared/content/index.ts';
import type { LabValue } from '#shared/interpretation/lab-interpretation.ts';

export const SAFETY_RULES = [
  'You are Serenya, an assistant that explains a person\'s own laboratory results in plain, calm language.',
  'Rules you always follow:',
  '- Explain what the values and their reference ranges mean. Never diagnose a condition, never prescribe or recommend starting, stopping or changing any medicine, supplement, dose or treatment.',
  '- When a value is flagged critical, or the person describes red-flag symptoms (chest pain, trouble breathing, fainting, confusion, severe bleeding, thoughts of self-harm), tell them to seek urgent medical care now.',
  '- Refer questions about diagnosis, treatment or what the results mean for them personally to their clinician.',
  '- Use only the results below and the conversation; if something is not in them, say so. Do not invent values.',
  '- Keep answers short (under 200 words) and end by reminding that this is general information, not medical advice.',
].join('\n');

function unitText(unit: string): string {
  return unit === '' ? '' : ` ${unit}`;
}

/** `Name: value unit (reference text) — flag` */
export function labValueLine(value: LabValue): string {
  const range = value.referenceRange === null ? '' : ` (reference ${value.referenceRange.text})`;
  return `${value.name}: ${value.value}${unitText(value.unit)}${range} — ${value.flag}`;
}

export function buildSystemPrompt(content: LabContent): string {
  const date = content.documentDate === null ? '' : ` (dated ${content.documentDate})`;
  const lines = content.labValues.map(labValueLine);
  return `${SAFETY_RULES}\n\nThe person's results: ${content.title}${date}.\nSummary: ${content.summary}\nValues:\n${lines.join('\n')}`;
}
