/**
 * Images through the real SDK: the mock reads a photo or screenshot of a lab report with OCR
 * (tesseract.js) and answers with the flags the report prints (EXPECTED_FLAGS, written by hand),
 * as Claude reads an image; an image with nothing legible, or with text that holds no lab value,
 * keeps the valid low-confidence "could not read this image" answer. Images are charged by their
 * size. The OCR worker starts with the first image and ends with stop().
 */
import { ConverseCommand, ConverseStreamCommand, InvokeModelCommand, type ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { jpegBytes, LAB_REPORT_IMAGE_SAMPLES, labReportImageBytes, renderReportText } from '../../../../e2e/fixtures/documents/index.ts';
import { EXPECTED_FLAGS, flagsOf } from '../../../../e2e/fixtures/lab-reports/expected-flags.ts';
import { LabInterpretationSchema, type LabInterpretation } from '../../../../services/shared/src/interpretation/lab-interpretation.ts';
import { imageSize } from './image-size.ts';
import { unreadableDocumentInterpretation } from './lab-interpreter/index.ts';
import { startBedrockMock } from './server.ts';
import { anthropicBody, labToolAnthropic, labToolConfig, readConverseStream, TEST_MODEL_ID, testClient, useBedrockMock } from './testing/sdk-test-helpers.ts';
import { imageInputTokens } from './token-count.ts';

const { mock, client } = await useBedrockMock();

const PROMPT = 'Interpret this lab report for the patient.';
const { jpeg: photoSample, png: screenshotSample } = LAB_REPORT_IMAGE_SAMPLES;
const photo = labReportImageBytes(photoSample.report, 'jpeg');
const screenshot = labReportImageBytes(screenshotSample.report, 'png');

function imageBlock(bytes: Uint8Array, format: 'jpeg' | 'png'): ContentBlock {
  return { image: { format, source: { bytes } } };
}

async function converseTool(content: ContentBlock[]): Promise<{ interpretation: LabInterpretation; inputTokens: number }> {
  const response = await client.send(new ConverseCommand({ modelId: TEST_MODEL_ID, messages: [{ role: 'user', content }], toolConfig: labToolConfig('forced') }));
  expect(response.stopReason).toBe('tool_use');
  return { interpretation: LabInterpretationSchema.parse(response.output?.message?.content?.[0]?.toolUse?.input), inputTokens: response.usage?.inputTokens ?? 0 };
}

describe('a photo or screenshot of a lab report', () => {
  it(`Converse reads the photo (${photoSample.file}, the ${photoSample.report} report) with the flags it prints, charging the image by its size`, async () => {
    const { interpretation, inputTokens } = await converseTool([{ text: PROMPT }, imageBlock(photo, 'jpeg')]);

    expect(interpretation.title).toBe('Lipid Panel');
    expect(interpretation.documentDate).toBe('2026-11-02');
    expect(flagsOf(interpretation.labValues)).toEqual(EXPECTED_FLAGS[photoSample.report]);
    expect(interpretation.labValues.find((value) => value.name === 'LDL Cholesterol')).toMatchObject({ value: 162, unit: 'mg/dL' });
    expect(interpretation.confidence).toBeGreaterThan(0.5);

    // The image costs width × height / 750 tokens (capped), not the text read from it.
    const withoutImage = (await client.send(new ConverseCommand({ modelId: TEST_MODEL_ID, messages: [{ role: 'user', content: [{ text: PROMPT }] }], toolConfig: labToolConfig('forced') })))
      .usage?.inputTokens;
    const size = imageSize(photo);
    expect(size).toMatchObject({ width: 1320 });
    expect(inputTokens - (withoutImage ?? 0)).toBe(imageInputTokens(size));
  });

  it(`InvokeModel reads the screenshot (${screenshotSample.file}, the ${screenshotSample.report} report) in an Anthropic image block`, async () => {
    const body = anthropicBody({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: Buffer.from(screenshot).toString('base64') } },
            { type: 'text', text: PROMPT },
          ],
        },
      ],
      tools: [labToolAnthropic()],
      tool_choice: { type: 'tool', name: 'record_lab_interpretation' },
      max_tokens: 8_192,
    });
    const message = JSON.parse(Buffer.from((await client.send(new InvokeModelCommand({ modelId: TEST_MODEL_ID, body }))).body).toString('utf8')) as {
      content: Array<{ type: string; input: unknown }>;
      usage: { input_tokens: number };
    };

    const interpretation = LabInterpretationSchema.parse(message.content[0]?.input);
    expect(interpretation.title).toBe('Complete Blood Count');
    expect(flagsOf(interpretation.labValues)).toEqual(EXPECTED_FLAGS[screenshotSample.report]);
    expect(interpretation.labValues.find((value) => value.name === 'Hemoglobin')).toMatchObject({ value: 11.2, flag: 'low', referenceRange: { low: 12, high: 15.5 } });
    expect(message.usage.input_tokens).toBeGreaterThanOrEqual(imageInputTokens(imageSize(screenshot)));
  });

  it('ConverseStream streams the same interpretation of the photo', async () => {
    const request = { modelId: TEST_MODEL_ID, messages: [{ role: 'user' as const, content: [{ text: PROMPT }, imageBlock(photo, 'jpeg')] }], toolConfig: labToolConfig() };
    const stream = await readConverseStream(performance.now(), (await client.send(new ConverseStreamCommand(request))).stream);
    expect(stream.stopReason).toBe('tool_use');
    expect(flagsOf(LabInterpretationSchema.parse(JSON.parse(stream.toolInputJson)).labValues)).toEqual(EXPECTED_FLAGS[photoSample.report]);
  });

  it('answers a question about an earlier turn\'s image from the text read in it', async () => {
    const response = await client.send(
      new ConverseCommand({
        modelId: TEST_MODEL_ID,
        messages: [
          { role: 'user', content: [{ text: 'Here is my report.' }, imageBlock(photo, 'jpeg')] },
          { role: 'assistant', content: [{ text: 'Thank you, I have it.' }] },
          { role: 'user', content: [{ text: 'What was my LDL cholesterol?' }] },
        ],
      }),
    );
    expect(response.output?.message?.content?.[0]?.text).toContain('162');
  });
});

describe('an image with no lab value in it', () => {
  const unreadable = unreadableDocumentInterpretation('image');

  it.each([
    ['a photo with nothing legible (a gradient)', jpegBytes({ width: 64, height: 48 }), 'jpeg'],
    ['a legible letter that holds no lab value', renderReportText('Dear patient,\nYour appointment is on Monday at nine.\nPlease bring your insurance card.', 'png'), 'png'],
  ] as const)('%s gets the valid low-confidence "could not read this image" answer', async (_label, bytes, format) => {
    const { interpretation, inputTokens } = await converseTool([{ text: PROMPT }, imageBlock(bytes, format)]);
    expect(interpretation).toEqual(unreadable);
    expect(interpretation.confidence).toBeLessThanOrEqual(0.2);
    expect(inputTokens).toBeGreaterThanOrEqual(imageInputTokens(imageSize(bytes)));
  });
});

describe('the OCR worker', () => {
  it('is started by the first image, not before, and stop() ends it, also with a reading under way', async () => {
    expect(mock.ocrWorkerRunning()).toBe(true); // this file's mock has read images above

    const own = await startBedrockMock({ environment: {} });
    const ownClient = testClient(own.endpoint);
    try {
      await ownClient.send(new ConverseCommand({ modelId: TEST_MODEL_ID, messages: [{ role: 'user', content: [{ text: 'Hello' }] }] }));
      expect(own.ocrWorkerRunning()).toBe(false);

      // A screenshot in a new size, so nothing is cached: stop while it is being read.
      const reading = ownClient
        .send(new ConverseCommand({ modelId: TEST_MODEL_ID, messages: [{ role: 'user', content: [{ text: PROMPT }, imageBlock(renderReportText('HDL 38 mg/dL >40 L', 'png'), 'png')] }] }))
        .then(() => 'answered', () => 'failed');
      await expect.poll(() => own.ocrWorkerRunning(), { timeout: 10_000, interval: 10 }).toBe(true);
      await own.stop();
      expect(own.ocrWorkerRunning()).toBe(false);
      expect(['answered', 'failed']).toContain(await reading);
    } finally {
      ownClient.destroy();
      await own.stop();
    }
    expect(own.ocrWorkerRunning()).toBe(false);
  });
});
