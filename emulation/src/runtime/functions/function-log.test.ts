import { describe, expect, it } from 'vitest';
import { createLogPrinter, isEmfLine, toFunctionLogLine } from './function-log.ts';

const source = { functionName: 'auth', logicalId: 'AuthFunction', requestId: 'r-1' };

describe('function log lines', () => {
  it('parses JSON lines, takes their level, and recognises EMF', () => {
    const emf = toFunctionLogLine('{"_aws":{"CloudWatchMetrics":[]},"Latency":3}', 'stdout', source);
    expect(isEmfLine(emf)).toBe(true);
    expect(toFunctionLogLine('{"level":"warn","message":"careful"}', 'stdout', source)).toMatchObject({ level: 'WARN', json: { message: 'careful' } });
    expect(toFunctionLogLine('plain', 'stderr', source)).toMatchObject({ level: 'ERROR', json: undefined, text: 'plain' });
    expect(isEmfLine(toFunctionLogLine('{not json', 'stdout', source))).toBe(false);
  });

  it('prints JSON lines with the function and request when piped, and a readable line in a terminal', () => {
    const json: string[] = [];
    createLogPrinter('json', (text) => json.push(text))(toFunctionLogLine('{"level":"INFO","message":"hi"}', 'stdout', source));
    expect(JSON.parse(json[0] ?? '')).toMatchObject({ function: 'auth', requestId: 'r-1', level: 'INFO', message: 'hi' });
    const pretty: string[] = [];
    createLogPrinter('pretty', (text) => pretty.push(text))(toFunctionLogLine('{"level":"INFO","message":"hi"}', 'stdout', source));
    expect(pretty[0]).toContain('[auth]');
    expect(pretty[0]).toContain('hi');
    createLogPrinter('pretty', (text) => pretty.push(text))(toFunctionLogLine('START RequestId: r-1 Version: $LATEST', 'platform', source));
    expect(pretty).toHaveLength(1);
  });
});
