/**
 * Function log lines as the runtime hands them on: one {@link FunctionLogLine} per line a
 * function wrote (JSON lines parsed, so EMF lines with an `_aws` key can become metrics), plus
 * the platform's own START/END/REPORT lines. A printer shows them pretty in a terminal (colour,
 * function name, level) and as raw JSON lines when piped.
 * @module
 */
import { styleText } from 'node:util';

export interface FunctionLogLine {
  readonly functionName: string;
  readonly logicalId: string;
  readonly requestId: string | undefined;
  /** `platform`: the runtime's START/END/REPORT/INIT lines. */
  readonly stream: 'stdout' | 'stderr' | 'platform';
  /** From the JSON line's `level`, else INFO on stdout, ERROR on stderr, REPORT for platform lines. */
  readonly level: string;
  /** The line as written. */
  readonly text: string;
  /** The parsed line, when it is a JSON object. */
  readonly json: Readonly<Record<string, unknown>> | undefined;
  readonly timeEpochMs: number;
}

/** True for an Embedded Metric Format line: what the metrics engineer turns into metrics. */
export function isEmfLine(line: FunctionLogLine): boolean {
  return line.json !== undefined && typeof line.json._aws === 'object' && line.json._aws !== null;
}

export function toFunctionLogLine(
  text: string,
  stream: FunctionLogLine['stream'],
  source: { functionName: string; logicalId: string; requestId: string | undefined },
): FunctionLogLine {
  let json: Record<string, unknown> | undefined;
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
      // Not JSON after all: keep it as text.
    }
  }
  const declared = json?.level ?? json?.levelName;
  const level = typeof declared === 'string' ? declared.toUpperCase() : stream === 'stderr' ? 'ERROR' : stream === 'platform' ? 'REPORT' : 'INFO';
  return { ...source, stream, level, text, json, timeEpochMs: Date.now() };
}

export type LogFormat = 'pretty' | 'json';

const FUNCTION_COLOURS = ['cyan', 'magenta', 'blue', 'green', 'yellow'] as const;
const LEVEL_COLOURS: Record<string, Parameters<typeof styleText>[0]> = {
  ERROR: 'red',
  CRITICAL: 'red',
  WARN: 'yellow',
  DEBUG: 'gray',
  REPORT: 'gray',
};

/**
 * A function that prints log lines: `pretty` for people (one colour per function, without the
 * START/END lines), `json` for
 * programs (one object per line: the function's own JSON line with `function` and `requestId`
 * added, or a text line wrapped as `message`).
 *
 * @example
 * ```ts
 * const print = createLogPrinter(process.stdout.isTTY ? 'pretty' : 'json', (text) => process.stdout.write(`${text}\n`));
 * ```
 */
export function createLogPrinter(format: LogFormat, write: (text: string) => void): (line: FunctionLogLine) => void {
  const colours = new Map<string, (typeof FUNCTION_COLOURS)[number]>();
  return (line) => {
    if (format === 'json') {
      const base = { time: new Date(line.timeEpochMs).toISOString(), function: line.functionName, requestId: line.requestId, level: line.level };
      write(JSON.stringify(line.json === undefined ? { ...base, message: line.text } : { ...base, ...line.json }));
      return;
    }
    // START and END say nothing REPORT does not; a terminal is easier to read without them.
    if (line.stream === 'platform' && (line.text.startsWith('START ') || line.text.startsWith('END '))) return;
    let colour = colours.get(line.functionName);
    if (colour === undefined) {
      colour = FUNCTION_COLOURS[colours.size % FUNCTION_COLOURS.length] ?? 'cyan';
      colours.set(line.functionName, colour);
    }
    const message = line.json === undefined ? line.text : String((line.json.message as string | undefined) ?? line.text);
    const level = styleText(LEVEL_COLOURS[line.level] ?? 'white', line.level.padEnd(6));
    write(`${styleText(colour, `[${line.functionName}]`)} ${level} ${message}`);
  };
}
