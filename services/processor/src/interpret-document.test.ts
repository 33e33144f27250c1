import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import type { BedrockClient, LlmConverseRequest, LlmConverseResult } from '#shared/bedrock/bedrock-client.ts';
import type { LlmCallContext } from '#shared/bedrock/llm-call-context.ts';
import { AppError, isAppError } from '#shared/errors/index.ts';
import type { LabInterpretation } from '#shared/interpretation/lab-interpretation.ts';
import { DOCUMENT_SYSTEM_PROMPT, DOCUMENT_INSTRUCTION } from './document-prompt.ts';
import { interpretDocument } from './interpret-document.ts';

const VALID: LabInterpretation = {
  title: 'Complete Blood Count',
  documentDate: '2026-11-02',
  labValues: [{ name: 'Hemoglobin', value: 11.2, unit: 'g/dL', referenceRange: { low: 12, high: 15.5, text: '12.0-15.5' }, flag: 'low', explanation: 'Carries oxygen; a little low.' }],
  summary: 'One value is below its range.',
  confidence: 0.9,
  advice: 'Discuss these results with your clinician.',
};
const ctx: LlmCallContext = { userId: 'u', documentType: 'lab_results', requestId: 'job-1', remainingTimeMs: () => 100_000 };
const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);

function result(content: NonNullable<NonNullable<ConverseCommandOutput['output']>['message']>['content']): LlmConverseResult {
  const output: ConverseCommandOutput = {
    output: { message: { role: 'assistant', content } },
    stopReason: 'tool_use',
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    metrics: { latencyMs: 1 },
    $metadata: {},
  };
  return { modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', text: '', stopReason: 'tool_use', usage: { inputTokens: 1, outputTokens: 1, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 }, costCents: 0, processingTimeMs: 1, output };
}
const toolAnswer = (input: unknown, toolUseId = 'tooluse_1') => result([{ toolUse: { toolUseId, name: 'record_lab_interpretation', input: input as never } }]);

/** A fake client answering from a script, recording requests (deep-copied: the caller reuses its array). */
function scripted(...answers: Array<LlmConverseResult | Error>): { bedrock: Pick<BedrockClient, 'converse'>; requests: LlmConverseRequest[]; contexts: LlmCallContext[] } {
  const requests: LlmConverseRequest[] = [];
  const contexts: LlmCallContext[] = [];
  return {
    requests,
    contexts,
    bedrock: {
      converse(request, callCtx) {
        requests.push(structuredClone(request));
        contexts.push(callCtx);
        const next = answers.shift();
        if (next === undefined) throw new Error('no more scripted answers');
        return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
      },
    },
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isAppError(error) ? error.code : String(error);
  }
}

describe('interpretDocument', () => {
  it('sends the document with the system prompt and the forced tool, and returns the validated interpretation', async () => {
    const { bedrock, requests, contexts } = scripted(toolAnswer(VALID));
    const outcome = await interpretDocument(bedrock, { bytes: pdf, mediaType: 'application/pdf', ctx });
    expect(outcome).toEqual({ interpretation: VALID, modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', calls: 1 });
    const [request] = requests;
    expect(request?.system).toEqual([{ text: DOCUMENT_SYSTEM_PROMPT }]);
    expect(request?.messages).toEqual([{ role: 'user', content: [{ document: { format: 'pdf', name: 'lab-report', source: { bytes: pdf } } }, { text: DOCUMENT_INSTRUCTION }] }]);
    expect(request?.toolConfig?.toolChoice).toEqual({ tool: { name: 'record_lab_interpretation' } });
    expect(request?.toolConfig?.tools?.[0]?.toolSpec?.name).toBe('record_lab_interpretation');
    expect(request?.toolConfig?.tools?.[0]?.toolSpec?.inputSchema?.json).toMatchObject({ type: 'object', required: expect.arrayContaining(['labValues', 'advice']) as unknown });
    expect(contexts).toEqual([ctx]);
  });

  it('sends the validation problems back as the tool error result once, and takes the corrected answer', async () => {
    const invalid = { ...VALID, labValues: [{ ...VALID.labValues[0], flag: 'abnormal' }], summary: undefined };
    const { bedrock, requests } = scripted(toolAnswer(invalid, 'tooluse_first'), toolAnswer(VALID, 'tooluse_second'));
    const outcome = await interpretDocument(bedrock, { bytes: pdf, mediaType: 'application/pdf', ctx });
    expect(outcome.calls).toBe(2);
    expect(outcome.interpretation).toEqual(VALID);

    const messages = requests[1]?.messages ?? [];
    expect(messages).toHaveLength(3);
    expect(messages[1]).toEqual({ role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_first', name: 'record_lab_interpretation', input: invalid } }] });
    const toolResult = messages[2]?.content?.[0]?.toolResult;
    expect(toolResult).toMatchObject({ toolUseId: 'tooluse_first', status: 'error' });
    expect(toolResult?.content?.[0]?.text).toMatch(/labValues\.0\.flag: .*\n- summary: /s);
  });

  it('fails INTERPRETATION_INVALID after a second invalid answer', async () => {
    const { bedrock, requests } = scripted(toolAnswer({}), toolAnswer({ title: '' }));
    expect(await codeOf(interpretDocument(bedrock, { bytes: pdf, mediaType: 'application/pdf', ctx }))).toBe('INTERPRETATION_INVALID');
    expect(requests).toHaveLength(2);
  });

  it('asks for the tool call when the model answered in prose', async () => {
    const { bedrock, requests } = scripted(result([{ text: 'Your results look fine.' }]), toolAnswer(VALID));
    expect((await interpretDocument(bedrock, { bytes: pdf, mediaType: 'application/pdf', ctx })).calls).toBe(2);
    expect(requests[1]?.messages?.[1]).toEqual({ role: 'assistant', content: [{ text: 'Your results look fine.' }] });
    expect(requests[1]?.messages?.[2]?.content?.[0]?.text).toMatch(/did not call the record_lab_interpretation tool/);
  });

  it('fails DOCUMENT_UNREADABLE for a valid answer without lab values, without asking again', async () => {
    const { bedrock, requests } = scripted(toolAnswer({ ...VALID, labValues: [], confidence: 0.1 }));
    expect(await codeOf(interpretDocument(bedrock, { bytes: new Uint8Array([0xff, 0xd8]), mediaType: 'image/jpeg', ctx }))).toBe('DOCUMENT_UNREADABLE');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.messages?.[0]?.content?.[0]).toEqual({ image: { format: 'jpeg', source: { bytes: new Uint8Array([0xff, 0xd8]) } } });
  });

  it('lets Bedrock errors through for the caller to decide', async () => {
    const { bedrock } = scripted(new AppError('LLM_THROTTLED'));
    expect(await codeOf(interpretDocument(bedrock, { bytes: pdf, mediaType: 'application/pdf', ctx }))).toBe('LLM_THROTTLED');
  });
});
