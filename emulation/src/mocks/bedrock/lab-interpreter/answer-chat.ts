/**
 * The mock's deterministic chat answers about a user's results. Four kinds of question:
 * about a named analyte (explain that value), about what is abnormal (list the flagged
 * values), asking for a diagnosis or medication (decline, point to a clinician), and
 * anything else (a short answer that refers back to the results). Every answer ends with a
 * reminder that it is not medical advice, and stays around 40-120 words.
 * @module
 */
import { analyteAbout, analyteDisplayName, analytesMentionedIn, normaliseAnalyteName } from './analyte-glossary.ts';
import { CRITICAL_NOTE, describePosition, formatMeasurement } from './explain-value.ts';
import { readChatContext, type ContextValue } from './read-chat-context.ts';

export const NOT_MEDICAL_ADVICE = 'This is general information, not medical advice.';

const DIAGNOSIS_OR_MEDICATION = new RegExp(
  [
    String.raw`\bdo i have\b`,
    String.raw`\bhave i got\b`,
    String.raw`\bam i (?:sick|ill|diabetic|pre-?diabetic|anaemic|anemic|dying|hypothyroid|hyperthyroid)\b`,
    String.raw`\bwhat(?:'s| is) wrong with me\b`,
    String.raw`\bdiagnos\w*`,
    String.raw`\bwhat (?:disease|illness|condition)\b`,
    String.raw`\bis (?:it|this) (?:cancer|diabetes|serious)\b`,
    String.raw`\bshould i (?:take|start|stop|use|go on|increase|decrease|change|double)\b`,
    String.raw`\b(?:medications?|medicines?|drugs?|pills?|tablets?|supplements?|dose|dosage|prescri\w*|statins?|insulin|metformin|levothyroxine|treatments?|treat)\b`,
  ].join('|'),
  'i',
);
const ABOUT_FLAGS = /\b(?:abnormal|out of range|outside|flag(?:ged|s)?|high|low|critical|wrong|concern(?:ing|ed)?|worr(?:y|ied|ying)|bad|problems?|normal|ok|okay|fine)\b/i;
const MAX_EXPLAINED = 3;
const MAX_LISTED_FLAGGED = 4;
const MAX_NAMES = 8;

function names(values: readonly { name: string }[]): string {
  const shown = values.slice(0, MAX_NAMES).map((value) => value.name);
  const separator = shown.some((name) => name.includes(',')) ? '; ' : ', ';
  const more = values.length > MAX_NAMES ? ` and ${values.length - MAX_NAMES} more` : '';
  return shown.join(separator) + more;
}

function measured(value: ContextValue): string {
  return formatMeasurement(`${value.valuePrefix}${value.value}`, value.unit);
}

/** "LDL Cholesterol: 162 mg/dL (lab range <100 mg/dL), above the range" */
function brief(value: ContextValue): string {
  const range = value.range === null ? '' : ` (lab range ${formatMeasurement(value.range.text, value.unit)})`;
  const position = value.flag === 'normal' ? 'within the range' : `${describePosition(value.result)} the range${value.flag === 'critical' ? ' (critical)' : ''}`;
  return `${value.name}: ${measured(value)}${range}, ${position}`;
}

function guidance(value: ContextValue): string {
  if (value.flag === 'critical') return `Because it is far outside the range, ${CRITICAL_NOTE}, or seek urgent care if you feel unwell.`;
  if (value.flag === 'normal') return 'If you have questions about it, your clinician can explain what it means for you.';
  return 'A result outside the range does not on its own mean something is wrong; your clinician can tell you what it means for you and whether anything needs to be done.';
}

function explainOne(value: ContextValue): string {
  const range = value.range === null ? ', and the results give no reference range for it' : ` against the lab's range of ${formatMeasurement(value.range.text, value.unit)}`;
  const position = value.flag === 'normal' ? 'within the range' : `${describePosition(value.result)} the range`;
  return `Your ${value.name} result is ${measured(value)}${range}, so it is flagged as ${value.flag}: ${position}. ${analyteAbout(value.analyte)} ${guidance(value)}`;
}

function explainSeveral(values: readonly ContextValue[]): string {
  const parts = values.map((value) => `${brief(value)}. ${analyteAbout(value.analyte)}`);
  const critical = values.some((value) => value.flag === 'critical') ? ` One of these is far outside its range: ${CRITICAL_NOTE}.` : '';
  return `${parts.join(' ')}${critical} Your clinician can tell you what these results mean for you.`;
}

function decline(mentioned: readonly ContextValue[], all: readonly ContextValue[]): string {
  const facts = mentioned.length > 0 ? ` For reference, your results show ${mentioned.map(brief).join('; ')}.` : '';
  const critical = all.some((value) => value.flag === 'critical') ? ` One of your values is far outside its range, so ${CRITICAL_NOTE}.` : '';
  return (
    "I can't tell you whether you have a medical condition or which medicine or treatment is right for you: that needs a clinician who knows your health history." +
    `${facts}${critical} Please bring these questions and your results to your clinician, who can advise you safely.`
  );
}

function listFlagged(values: readonly ContextValue[]): string {
  const flagged = values.filter((value) => value.flag !== 'normal');
  if (flagged.length === 0) {
    return `All ${values.length} values in your results are within the lab's reference ranges: ${names(values)}. Only your clinician can say what the results mean for you as a whole, alongside your health history and how you feel.`;
  }
  const detailed = flagged.slice(0, MAX_LISTED_FLAGGED).map(brief).join('; ');
  const rest = flagged.length > MAX_LISTED_FLAGGED ? `; also ${names(flagged.slice(MAX_LISTED_FLAGGED))}` : '';
  const others = flagged.length < values.length ? ' The other values are within their ranges.' : '';
  const critical = flagged.filter((value) => value.flag === 'critical');
  const urgent = critical.length > 0 ? ` ${names(critical)} ${critical.length === 1 ? 'is' : 'are'} far outside the range, so ${CRITICAL_NOTE}.` : '';
  return (
    `${flagged.length} of ${values.length} values in your results ${flagged.length === 1 ? 'is' : 'are'} outside the reference range: ${detailed}${rest}.${others}${urgent}` +
    ' Values outside a range are common and have many possible causes; your clinician can put them in context.'
  );
}

function overview(values: readonly ContextValue[]): string {
  const flagged = values.filter((value) => value.flag !== 'normal');
  const status =
    flagged.length === 0
      ? 'All of them are within their reference ranges.'
      : `${flagged.length} ${flagged.length === 1 ? 'is' : 'are'} outside the reference range: ${names(flagged)}.`;
  return (
    `Your results include ${values.length} ${values.length === 1 ? 'value' : 'values'}: ${names(values)}. ${status}` +
    ' I can explain any of them if you ask about it by name, or list the ones outside the range. For what they mean for you, please talk with your clinician.'
  );
}

const NO_VALUES =
  'I could not find any lab values in the results I was given, so I cannot answer from them. If you uploaded a report, it may not have been readable; a clearer copy or a PDF from the lab may work. Your clinician can also go through your results with you.';

/**
 * Answers a question about the results in `context` (see the module comment).
 *
 * @example
 * ```ts
 * answerChatQuestion({ context: 'LDL Cholesterol: 162 mg/dL (reference <100) — high', question: 'What does my LDL mean?' });
 * // 'Your LDL Cholesterol result is 162 mg/dL against the lab's range of <100 mg/dL, so it is flagged as high: …
 * //  This is general information, not medical advice.'
 * ```
 */
export function answerChatQuestion(input: { context: string; question: string }): string {
  const values = readChatContext(input.context);
  const mentionedKeys = analytesMentionedIn(input.question);
  const question = ` ${normaliseAnalyteName(input.question)} `;
  const mentioned = values
    .filter((value) => (value.analyte !== null && mentionedKeys.includes(value.analyte)) || question.includes(` ${normaliseAnalyteName(value.name)} `))
    .slice(0, MAX_EXPLAINED);

  let answer: string;
  if (DIAGNOSIS_OR_MEDICATION.test(input.question)) answer = decline(mentioned, values);
  else if (mentioned.length === 1 && mentioned[0] !== undefined) answer = explainOne(mentioned[0]);
  else if (mentioned.length > 1) answer = explainSeveral(mentioned);
  else if (values.length === 0) answer = NO_VALUES;
  else if (mentionedKeys[0] !== undefined) {
    const missing = analyteDisplayName(mentionedKeys[0]);
    answer =
      `Your results do not include ${missing}. The values they do include are ${names(values)}.` +
      ` You can ask about any of them by name, and your clinician can tell you whether a ${missing} test would be useful for you.`;
  } else if (ABOUT_FLAGS.test(input.question)) answer = listFlagged(values);
  else answer = overview(values);
  return `${answer} ${NOT_MEDICAL_ADVICE}`;
}
