import { describe, expect, it } from 'vitest';
import { defaultModelIds, ModelCatalogue } from './models.ts';
import { parseConverseRequest } from './parse-converse-request.ts';

const catalogue = new ModelCatalogue(defaultModelIds());
const haiku = catalogue.resolve('eu.anthropic.claude-haiku-4-5-20251001-v1:0');

const user = (...content: unknown[]) => ({ role: 'user', content });
const valid = { messages: [user({ text: 'Hello' })] };
const pdf = (name = 'report') => ({ document: { format: 'pdf', name, source: { bytes: 'JVBERi0=' } } });
const parse = (body: unknown) => parseConverseRequest(Buffer.from(JSON.stringify(body)), haiku);
const message = (body: unknown): string => {
  try {
    parse(body);
  } catch (error) {
    expect(error).toMatchObject({ type: 'ValidationException' });
    return (error as Error).message;
  }
  throw new Error('expected a ValidationException');
};

describe('parseConverseRequest', () => {
  it('normalises a full request; maxTokens defaults to the model maximum', () => {
    const request = parse({
      system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
      messages: [user({ text: 'Read this' }, pdf(), { image: { format: 'jpeg', source: { bytes: 'aGVsbG8=' } } })],
      toolConfig: { tools: [{ toolSpec: { name: 'record', description: 'Record', inputSchema: { json: { type: 'object' } } } }], toolChoice: { tool: { name: 'record' } } },
      inferenceConfig: { temperature: 0.1, stopSequences: ['END'] },
    });
    expect(request.system).toEqual(['Be brief.']);
    expect(request.maxTokens).toBe(64_000);
    expect(request.stopSequences).toEqual(['END']);
    expect(request.toolChoice).toEqual({ type: 'tool', name: 'record' });
    expect(request.tools).toEqual([{ name: 'record', description: 'Record', inputSchema: { type: 'object' } }]);
    expect(request.turns[0]?.parts).toEqual([
      { kind: 'text', text: 'Read this' },
      { kind: 'document', format: 'pdf', name: 'report', bytes: Buffer.from('JVBERi0=', 'base64') },
      { kind: 'image', format: 'jpeg', bytes: Buffer.from('hello') },
    ]);
  });

  it('reads inline document text and tool results', () => {
    const request = parse({
      messages: [
        user({ text: 'Q' }, { document: { name: 'notes', source: { text: 'Glucose 5.1 mmol/L' } } }),
        { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'record', input: { a: 1 } } }] },
        user({ toolResult: { toolUseId: 'tooluse_1', content: [{ json: { ok: true } }, { text: 'done' }], status: 'success' } }),
      ],
      toolConfig: { tools: [{ toolSpec: { name: 'record', inputSchema: { json: { type: 'object' } } } }] },
    });
    expect(request.turns[0]?.parts[1]).toEqual({ kind: 'document', format: 'txt', name: 'notes', text: 'Glucose 5.1 mmol/L' });
    expect(request.turns[2]?.parts[0]).toEqual({
      kind: 'toolResult',
      id: 'tooluse_1',
      content: [{ kind: 'text', text: '{"ok":true}' }, { kind: 'text', text: 'done' }],
      isError: false,
    });
    expect(request.toolChoice).toEqual({ type: 'auto' });
  });

  it.each([
    [{ ...valid, inferenceConfig: { maxTokens: 0 } }, "1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [{ ...valid, inferenceConfig: { temperature: 1.5 } }, "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1"],
    [{ messages: [{ role: 'bot', content: [{ text: 'x' }] }] }, "1 validation error detected: Value 'bot' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]"],
    [{ messages: [{ content: [{ text: 'x' }] }] }, "1 validation error detected: Value null at 'messages.1.member.role' failed to satisfy constraint: Member must not be null"],
    [{ messages: [user({ image: { format: 'bmp', source: { bytes: '' } } })] }, "1 validation error detected: Value 'bmp' at 'messages.1.member.content.1.member.image.format' failed to satisfy constraint: Member must satisfy enum value set: [png, jpeg, gif, webp]"],
    [{ messages: [user({ text: 'a', image: { format: 'png', source: { bytes: '' } } })] }, "1 validation error detected: Value at 'messages.1.member.content.1.member' failed to satisfy constraint: Member must have exactly one member set, got 2 of [text, image, document, toolUse, toolResult, cachePoint, video, audio, guardContent, reasoningContent, citationsContent, searchResult]"],
    [{ ...valid, toolConfig: { tools: [{ toolSpec: { name: 'has space', inputSchema: { json: {} } } }] } }, "1 validation error detected: Value 'has space' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: /^[a-zA-Z0-9_-]+$/"],
  ])('refuses what the service model forbids (%#)', (body, expected) => {
    expect(message(body)).toBe(expected);
  });

  it.each([
    [{ messages: [] }, 'A conversation must start with a user message. Try again with a conversation that starts with a user message.'],
    [{ messages: [{ role: 'assistant', content: [{ text: 'x' }] }] }, 'A conversation must start with a user message. Try again with a conversation that starts with a user message.'],
    [{ messages: [user({ text: 'a' }), user({ text: 'b' })] }, 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.'],
    [{ messages: [user({ text: '  ' })] }, 'The text field in the ContentBlock object at messages.0.content.0 is blank. Add text to the text field, and try again.'],
    [{ messages: [user()] }, 'The content field in the Message object at messages.0 is empty. Add a ContentBlock object to the content field and try again.'],
    [{ messages: [user(pdf())] }, 'A text block must be included when using documents.'],
    [{ messages: [user({ text: 'x' }, pdf('a'), pdf('a'))] }, "Messages can't contain duplicate document names."],
    [{ messages: [user({ text: 'x' }, ...['a', 'b', 'c', 'd', 'e', 'f'].map(pdf))] }, "You can't include more than 5 documents in a request."],
    [{ messages: [user({ text: 'x' }, pdf('report.pdf'))] }, expect.stringContaining('The document file name can only contain alphanumeric characters')],
    [{ messages: [user({ text: 'x' }, pdf('two  spaces'))] }, expect.stringContaining("can't contain more than one consecutive whitespace")],
    [{ messages: [user({ text: 'x' }, { document: { format: 'pdf', name: 'big', source: { bytes: 'A'.repeat(6_400_000) } } })] }, 'The document file size exceeds the maximum of 4.5 MB.'],
    [{ ...valid, inferenceConfig: { maxTokens: 64_001 } }, 'The maximum tokens you requested exceeds the model limit of 64000. Try again with a maximum tokens value that is lower than 64000.'],
    [{ ...valid, inferenceConfig: { temperature: 0.5, topP: 0.9 } }, 'The model returned the following errors: `temperature` and `top_p` cannot both be specified for this model. Please use only one.'],
    [
      { messages: [user({ text: 'a' }), { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'x', input: {} } }] }] },
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    ],
    [
      {
        messages: [user({ text: 'a' }), { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'x', input: {} } }] }, user({ text: 'b' })],
        toolConfig: { tools: [{ toolSpec: { name: 'x', inputSchema: { json: {} } } }] },
      },
      'Expected toolResult blocks at messages.2.content for the following Ids: t1',
    ],
    [
      { ...valid, toolConfig: { tools: [{ toolSpec: { name: 'x', inputSchema: { json: {} } } }], toolChoice: { tool: { name: 'y' } } } },
      "The model returned the following errors: tool_choice.name: Tool 'y' not found in provided tools",
    ],
  ])('refuses what Bedrock refuses (%#)', (body, expected) => {
    expect(message(body)).toEqual(expected);
  });
});
