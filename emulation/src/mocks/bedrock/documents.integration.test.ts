import { ConverseCommand, ConverseStreamCommand, InvokeModelCommand, InvokeModelWithResponseStreamCommand, type ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { readLabReportFixture } from '../../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { LabInterpretationSchema, type LabInterpretation } from '../../../../services/shared/src/interpretation/lab-interpretation.ts';
import { estimateTokens, makeLabReportPdf } from './lab-interpreter/index.ts';
import { anthropicBody, labToolAnthropic, labToolConfig, pdfBlock, readConverseStream, readInvokeStream, TEST_MODEL_ID, useBedrockMock } from './testing/sdk-test-helpers.ts';
import { imageInputTokens } from './token-count.ts';

const { client } = await useBedrockMock();

const cbcPdf = await makeLabReportPdf(readLabReportFixture('cbc-one-low'));
const potassiumPdf = await makeLabReportPdf(readLabReportFixture('metabolic-panel-critical-potassium'));
const PROMPT = 'Interpret this lab report for the patient.';
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function blankPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage();
  return document.save();
}

function flags(interpretation: LabInterpretation): Record<string, string> {
  return Object.fromEntries(interpretation.labValues.map((value) => [value.name, value.flag]));
}

describe('a PDF lab report offered the interpretation tool', () => {
  it('Converse answers with a toolUse whose input is a valid interpretation', async () => {
    const response = await client.send(
      new ConverseCommand({ modelId: TEST_MODEL_ID, messages: [{ role: 'user', content: [{ text: PROMPT }, pdfBlock(cbcPdf)] }], toolConfig: labToolConfig('forced') }),
    );

    expect(response.stopReason).toBe('tool_use');
    const toolUse = response.output?.message?.content?.[0]?.toolUse;
    expect(toolUse?.name).toBe('record_lab_interpretation');
    expect(toolUse?.toolUseId).toMatch(/^tooluse_[A-Za-z0-9_-]{22}$/);
    const interpretation = LabInterpretationSchema.parse(toolUse?.input);
    expect(interpretation).toMatchObject({ title: 'Complete Blood Count', documentDate: '2026-11-02' });
    expect(flags(interpretation)).toMatchObject({ Hemoglobin: 'low', Platelets: 'normal', 'White Blood Cells': 'normal' });
    expect(Object.values(flags(interpretation)).filter((flag) => flag !== 'normal')).toEqual(['low']);
    // The extracted document text is input: far more tokens than the prompt alone.
    expect(response.usage?.inputTokens).toBeGreaterThan(estimateTokens(PROMPT) + 100);
    expect(response.usage?.outputTokens).toBe(estimateTokens(JSON.stringify(toolUse?.input)));
  });

  it('ConverseStream streams the same tool input as JSON chunks after a contentBlockStart', async () => {
    const request = { modelId: TEST_MODEL_ID, messages: [{ role: 'user' as const, content: [{ text: PROMPT }, pdfBlock(potassiumPdf)] }], toolConfig: labToolConfig() };
    const whole = await client.send(new ConverseCommand(request));
    const stream = await readConverseStream(performance.now(), (await client.send(new ConverseStreamCommand(request))).stream);

    expect(stream.events.slice(0, 3)).toEqual(['messageStart', 'contentBlockStart', 'contentBlockDelta']);
    expect(stream.toolStart).toMatchObject({ name: 'record_lab_interpretation', toolUseId: expect.stringMatching(/^tooluse_/) as unknown });
    expect(stream.stopReason).toBe('tool_use');
    const streamed = LabInterpretationSchema.parse(JSON.parse(stream.toolInputJson));
    expect(streamed).toEqual(whole.output?.message?.content?.[0]?.toolUse?.input);
    expect(flags(streamed)).toMatchObject({ Potassium: 'critical' });
  });

  it('InvokeModel answers with a tool_use block, and the stream carries the same input', async () => {
    const body = anthropicBody({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from(cbcPdf).toString('base64') } },
            { type: 'text', text: PROMPT },
          ],
        },
      ],
      tools: [labToolAnthropic()],
      tool_choice: { type: 'tool', name: 'record_lab_interpretation' },
      max_tokens: 8_192,
    });
    const message = JSON.parse(Buffer.from((await client.send(new InvokeModelCommand({ modelId: TEST_MODEL_ID, body }))).body).toString('utf8')) as {
      content: Array<{ type: string; id: string; name: string; input: unknown }>;
      stop_reason: string;
    };

    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[0]).toMatchObject({ type: 'tool_use', name: 'record_lab_interpretation' });
    expect(message.content[0]?.id).toMatch(/^toolu_bdrk_01/);
    const interpretation = LabInterpretationSchema.parse(message.content[0]?.input);
    expect(flags(interpretation)).toMatchObject({ Hemoglobin: 'low' });

    const { events, toolInputJson } = await readInvokeStream((await client.send(new InvokeModelWithResponseStreamCommand({ modelId: TEST_MODEL_ID, body }))).body);
    expect(events[1]).toMatchObject({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', name: 'record_lab_interpretation', input: {} } });
    expect(JSON.parse(toolInputJson)).toEqual(interpretation);
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('a budget too small for the tool input ends with max_tokens', async () => {
    const response = await client.send(
      new ConverseCommand({
        modelId: TEST_MODEL_ID,
        messages: [{ role: 'user', content: [{ text: PROMPT }, pdfBlock(cbcPdf)] }],
        toolConfig: labToolConfig('forced'),
        inferenceConfig: { maxTokens: 50 },
      }),
    );
    expect(response.stopReason).toBe('max_tokens');
    expect(response.usage?.outputTokens).toBe(50);
  });
});

describe('without the tool', () => {
  it('answers with the interpretation as JSON text', async () => {
    const response = await client.send(new ConverseCommand({ modelId: TEST_MODEL_ID, messages: [{ role: 'user', content: [{ text: PROMPT }, pdfBlock(cbcPdf)] }] }));

    expect(response.stopReason).toBe('end_turn');
    const text = response.output?.message?.content?.[0]?.text ?? '';
    expect(flags(LabInterpretationSchema.parse(JSON.parse(text)))).toMatchObject({ Hemoglobin: 'low' });
  });

  it('reads a pasted report in the user text as a lab report', async () => {
    const response = await client.send(
      new ConverseCommand({ modelId: TEST_MODEL_ID, messages: [{ role: 'user', content: [{ text: readLabReportFixture('lipid-panel-high-ldl-low-hdl') }] }] }),
    );
    const interpretation = LabInterpretationSchema.parse(JSON.parse(response.output?.message?.content?.[0]?.text ?? ''));
    expect(flags(interpretation)).toMatchObject({ 'LDL Cholesterol': 'high', HDL: 'low' });
  });
});

describe('unreadable input', () => {
  it('an image with nothing to read gets a valid, low-confidence interpretation and a charge by its size', async () => {
    const ask = (content: ContentBlock[]) => client.send(new ConverseCommand({ modelId: TEST_MODEL_ID, messages: [{ role: 'user', content }], toolConfig: labToolConfig() }));
    const response = await ask([{ text: PROMPT }, { image: { format: 'png', source: { bytes: PNG } } }]);

    const interpretation = LabInterpretationSchema.parse(response.output?.message?.content?.[0]?.toolUse?.input);
    expect(interpretation.confidence).toBeLessThanOrEqual(0.2);
    expect(interpretation.labValues).toEqual([]);
    // 1 × 1 pixel: one token (width × height / 750, rounded up), on top of the prompt's. Images
    // that hold a report: images.integration.test.ts.
    const promptOnly = await ask([{ text: PROMPT }]);
    expect((response.usage?.inputTokens ?? 0) - (promptOnly.usage?.inputTokens ?? 0)).toBe(imageInputTokens({ width: 1, height: 1 }));
  });

  it('a PDF without a text layer gets the no-text interpretation', async () => {
    const response = await client.send(
      new ConverseCommand({ modelId: TEST_MODEL_ID, messages: [{ role: 'user', content: [{ text: PROMPT }, pdfBlock(await blankPdf())] }], toolConfig: labToolConfig() }),
    );

    const interpretation = LabInterpretationSchema.parse(response.output?.message?.content?.[0]?.toolUse?.input);
    expect(interpretation.confidence).toBeLessThanOrEqual(0.2);
    expect(interpretation.labValues).toEqual([]);
  });
});
