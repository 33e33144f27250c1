import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startBedrockMock } from './server.ts';
import { TEST_MODEL_ID } from './testing/sdk-test-helpers.ts';

/** The project venv's Python, which has boto3/botocore (BEDROCK.md §2.2: the independent client). */
const PYTHON = fileURLToPath(new URL('../../../../.venv/bin/python', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./boto3_client.py', import.meta.url));

const mock = await startBedrockMock();
afterAll(() => mock.stop());

/** Async on purpose: a synchronous spawn would block the mock serving this very process. */
async function boto3(mode: 'chat' | 'errors'): Promise<unknown> {
  const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, mock.endpoint, TEST_MODEL_ID, mode], { timeout: 60_000 });
  return JSON.parse(stdout);
}

describe('boto3 against the mock (HTTP/1.1, botocore parsers)', () => {
  it('converse and converse_stream give the same answer and usage', async () => {
    const result = (await boto3('chat')) as {
      converse: { text: string; stopReason: string; usage: Record<string, number>; requestId: string; httpStatus: number };
      converseStream: { text: string; stopReason: string; usage: Record<string, number>; events: string[] };
    };

    expect(result.converse.httpStatus).toBe(200);
    expect(result.converse.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.converse.stopReason).toBe('end_turn');
    expect(result.converse.text).toMatch(/LDL/);
    expect(result.converseStream.text).toBe(result.converse.text);
    expect(result.converseStream.stopReason).toBe('end_turn');
    expect(result.converseStream.usage).toEqual(result.converse.usage);
    expect(result.converse.usage.totalTokens).toBe((result.converse.usage.inputTokens ?? 0) + (result.converse.usage.outputTokens ?? 0));
    expect(result.converseStream.events[0]).toBe('messageStart');
    expect(result.converseStream.events.slice(-2)).toEqual(['messageStop', 'metadata']);
  });

  it('raises the error codes botocore reads from the header and from exception events', async () => {
    mock.configure({ errors: { rate: 1, types: ['ThrottlingException'], midStream: true } });

    expect(await boto3('errors')).toEqual({
      converse: { code: 'ThrottlingException', status: 429 },
      // botocore names mid-stream exceptions by the lower-camel union member (BEDROCK.md §2.10).
      converseStream: { code: 'throttlingException', midStream: true },
    });
  });
});
