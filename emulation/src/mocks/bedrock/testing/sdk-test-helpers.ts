/**
 * What the mock's integration tests share: a real `BedrockRuntimeClient` pointed at the mock,
 * request builders, readers that reassemble both kinds of stream, and a middleware that
 * captures raw response headers (the SDK does not expose them).
 * @module
 */
import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  type ContentBlock,
  type ConverseStreamOutput,
  type ResponseStream,
  type ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import { LAB_INTERPRETATION_TOOL } from '../../../../../services/shared/src/interpretation/lab-interpretation.ts';
import { afterAll, beforeEach } from 'vitest';
import { startBedrockMock, type BedrockMock, type BedrockMockOptions } from '../server.ts';

/** The document default of BEDROCK.md §3.2. */
export const TEST_MODEL_ID = 'eu.anthropic.claude-haiku-4-5-20251001-v1:0';

/**
 * An SDK client for the mock: dummy credentials, no retries unless asked.
 *
 * @example
 * ```ts
 * const client = testClient(mock.endpoint);
 * afterAll(() => client.destroy());
 * ```
 */
export function testClient(endpoint: string, overrides: Partial<BedrockRuntimeClientConfig> = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
    ...overrides,
  });
}

/**
 * Records the headers of every raw HTTP response the client receives; returns the last ones.
 *
 * @example
 * ```ts
 * const lastHeaders = captureResponseHeaders(client);
 * await client.send(command);
 * lastHeaders()['x-amzn-bedrock-input-token-count'];
 * ```
 */
export function captureResponseHeaders(client: BedrockRuntimeClient): () => Record<string, string> {
  let headers: Record<string, string> = {};
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      headers = (result.response as { headers?: Record<string, string> }).headers ?? {};
      return result;
    },
    { step: 'deserialize', name: 'captureResponseHeaders' },
  );
  return () => headers;
}

/**
 * An Anthropic Messages body for InvokeModel.
 *
 * @example
 * ```ts
 * new InvokeModelCommand({ modelId, body: anthropicBody({ messages: [{ role: 'user', content: 'Hi' }] }) });
 * ```
 */
export function anthropicBody(fields: Record<string, unknown>): string {
  return JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 1_024, ...fields });
}

/**
 * Converse's `toolConfig` offering Serenya's lab-interpretation tool, optionally forced.
 *
 * @example
 * ```ts
 * new ConverseCommand({ modelId, messages, toolConfig: labToolConfig('forced') });
 * ```
 */
export function labToolConfig(choice: 'auto' | 'forced' = 'auto'): ToolConfiguration {
  return {
    tools: [
      {
        toolSpec: {
          name: LAB_INTERPRETATION_TOOL.name,
          description: LAB_INTERPRETATION_TOOL.description,
          inputSchema: { json: LAB_INTERPRETATION_TOOL.inputSchema as never },
        },
      },
    ],
    ...(choice === 'forced' ? { toolChoice: { tool: { name: LAB_INTERPRETATION_TOOL.name } } } : {}),
  };
}

/**
 * The lab-interpretation tool in InvokeModel's `tools` form.
 *
 * @example
 * ```ts
 * anthropicBody({ messages, tools: [labToolAnthropic()] });
 * ```
 */
export function labToolAnthropic(): Record<string, unknown> {
  return { name: LAB_INTERPRETATION_TOOL.name, description: LAB_INTERPRETATION_TOOL.description, input_schema: LAB_INTERPRETATION_TOOL.inputSchema };
}

/**
 * A PDF document block for Converse.
 *
 * @example
 * ```ts
 * const content = [{ text: 'Interpret this.' }, pdfBlock(await makeLabReportPdf(text))];
 * ```
 */
export function pdfBlock(bytes: Uint8Array, name = 'lab report'): ContentBlock {
  return { document: { format: 'pdf', name, source: { bytes } } };
}

/** What a ConverseStream carried, reassembled. */
export interface ConverseStreamSummary {
  events: string[];
  text: string;
  toolInputJson: string;
  toolStart: { toolUseId?: string; name?: string } | undefined;
  stopReason: string | undefined;
  usage: { inputTokens?: number; outputTokens?: number; totalTokens?: number } | undefined;
  latencyMs: number | undefined;
  /** Milliseconds from the call to the first event. */
  firstEventMs: number;
}

/**
 * Reads a ConverseStream to its end.
 *
 * @example
 * ```ts
 * const summary = await readConverseStream(performance.now(), (await client.send(command)).stream);
 * ```
 */
export async function readConverseStream(sentAt: number, stream: AsyncIterable<ConverseStreamOutput> | undefined): Promise<ConverseStreamSummary> {
  const summary: ConverseStreamSummary = {
    events: [],
    text: '',
    toolInputJson: '',
    toolStart: undefined,
    stopReason: undefined,
    usage: undefined,
    latencyMs: undefined,
    firstEventMs: Number.NaN,
  };
  for await (const event of stream ?? []) {
    if (summary.events.length === 0) summary.firstEventMs = performance.now() - sentAt;
    summary.events.push(Object.keys(event).find((key) => key !== '$unknown') ?? '?');
    summary.text += event.contentBlockDelta?.delta?.text ?? '';
    summary.toolInputJson += event.contentBlockDelta?.delta?.toolUse?.input ?? '';
    if (event.contentBlockStart?.start?.toolUse !== undefined) summary.toolStart = event.contentBlockStart.start.toolUse;
    if (event.messageStop !== undefined) summary.stopReason = event.messageStop.stopReason;
    if (event.metadata !== undefined) {
      summary.usage = event.metadata.usage;
      summary.latencyMs = event.metadata.metrics?.latencyMs;
    }
  }
  return summary;
}

/** One Anthropic stream event, as decoded from a `chunk`'s bytes. */
export type AnthropicStreamEvent = { type: string } & Record<string, unknown>;

/**
 * Reads an InvokeModelWithResponseStream body to its end: the Anthropic events, the text and
 * tool JSON they carry.
 *
 * @example
 * ```ts
 * const { events, text } = await readInvokeStream((await client.send(command)).body);
 * ```
 */
export async function readInvokeStream(
  body: AsyncIterable<ResponseStream> | undefined,
): Promise<{ events: AnthropicStreamEvent[]; text: string; toolInputJson: string }> {
  const events: AnthropicStreamEvent[] = [];
  let text = '';
  let toolInputJson = '';
  for await (const part of body ?? []) {
    const bytes = part.chunk?.bytes;
    if (bytes === undefined) continue;
    const event = JSON.parse(Buffer.from(bytes).toString('utf8')) as AnthropicStreamEvent;
    events.push(event);
    const delta = event.delta as { type?: string; text?: string; partial_json?: string } | undefined;
    if (delta?.type === 'text_delta') text += delta.text ?? '';
    if (delta?.type === 'input_json_delta') toolInputJson += delta.partial_json ?? '';
  }
  return { events, text, toolInputJson };
}

/**
 * Starts a mock of the test file's own and a real SDK client on it, stops both after the file,
 * and resets the mock's behaviour and stats before each test.
 *
 * @example
 * ```ts
 * const { mock, client } = await useBedrockMock();
 * ```
 */
export async function useBedrockMock(options: BedrockMockOptions = {}): Promise<{ mock: BedrockMock; client: BedrockRuntimeClient }> {
  const mock = await startBedrockMock(options);
  const client = testClient(mock.endpoint);
  afterAll(async () => {
    client.destroy();
    await mock.stop();
  });
  beforeEach(() => {
    mock.reset();
  });
  return { mock, client };
}
