import { describe, expect, it } from 'vitest';
import { defaultModelIds, ModelCatalogue } from './models.ts';
import { parseAnthropicRequest } from './parse-anthropic-request.ts';

const catalogue = new ModelCatalogue(defaultModelIds());
const haiku = catalogue.resolve('eu.anthropic.claude-haiku-4-5-20251001-v1:0');
const sonnet4 = catalogue.resolve('eu.anthropic.claude-sonnet-4-20250514-v1:0');

const valid = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 256, messages: [{ role: 'user', content: 'Hello' }] };
const parse = (body: unknown, model = haiku) => parseAnthropicRequest(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), model);
const message = (body: unknown, model = haiku): string => {
  try {
    parse(body, model);
  } catch (error) {
    expect(error).toMatchObject({ type: 'ValidationException' });
    return (error as Error).message;
  }
  throw new Error('expected a ValidationException');
};

describe('parseAnthropicRequest', () => {
  it('normalises a full request', () => {
    const request = parse({
      ...valid,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'x' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'found' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'aGVsbG8=' } }] },
      ],
      tools: [{ name: 'lookup', description: 'Look up', input_schema: { type: 'object', properties: {} } }],
      tool_choice: { type: 'any' },
      stop_sequences: ['STOP'],
      temperature: 0.2,
    });
    expect(request.system).toEqual(['Be brief.']);
    expect(request.maxTokens).toBe(256);
    expect(request.toolChoice).toEqual({ type: 'any' });
    expect(request.stopSequences).toEqual(['STOP']);
    expect(request.tools).toEqual([{ name: 'lookup', description: 'Look up', inputSchema: { type: 'object', properties: {} } }]);
    expect(request.turns[0]?.parts).toEqual([
      { kind: 'text', text: 'Look' },
      { kind: 'document', format: 'pdf', name: 'document', bytes: Buffer.from('JVBERi0=', 'base64') },
    ]);
    expect(request.turns[2]?.parts).toEqual([
      { kind: 'toolResult', id: 'toolu_1', content: [{ kind: 'text', text: 'found' }], isError: false },
      { kind: 'image', format: 'png', bytes: Buffer.from('aGVsbG8=', 'base64') },
    ]);
  });

  it.each([
    [{ ...valid, max_tokens: undefined }, 'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.'],
    [{ ...valid, stream: true }, 'Malformed input request: #: extraneous key [stream] is not permitted, please reformat your input and try again.'],
    [{ ...valid, max_tokens: '256' }, 'Malformed input request: #/max_tokens: expected type: Integer, found: String, please reformat your input and try again.'],
    [{ ...valid, max_tokens: 0 }, 'Malformed input request: #/max_tokens: 0 is not greater or equal to 1, please reformat your input and try again.'],
    [{ ...valid, messages: [] }, 'Malformed input request: #/messages: expected minimum item count: 1, found: 0, please reformat your input and try again.'],
    [{ ...valid, anthropic_version: 'bedrock-2099-01-01' }, 'Malformed input request: #/anthropic_version: bedrock-2099-01-01 is not a valid enum value, please reformat your input and try again.'],
    [{ ...valid, model: 'claude', stream: true }, 'Malformed input request: #: 2 schema violations found, please reformat your input and try again.'],
    [{ ...valid, messages: [{ role: 'user', content: [{ type: 'video', data: 'x' }] }] }, 'Malformed input request: #/messages/0/content/0: no subschema matched out of the total 7 subschemas, please reformat your input and try again.'],
    ['{"anthropic_version": ', 'Malformed input request, please reformat your input and try again.'],
  ])('refuses a body that breaks the schema (%#)', (body, expected) => {
    expect(message(body)).toBe(expected);
  });

  it.each([
    [{ ...valid, max_tokens: 64_001 }, 'max_tokens: 64001 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5-20251001'],
    [{ ...valid, temperature: 0.5, top_p: 0.9 }, '`temperature` and `top_p` cannot both be specified for this model. Please use only one.'],
    [{ ...valid, messages: [{ role: 'assistant', content: 'Hi' }] }, 'messages: first message must use the "user" role'],
    [
      { ...valid, messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] },
      'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row',
    ],
    [{ ...valid, messages: [{ role: 'user', content: [{ type: 'text', text: ' ' }] }] }, 'messages.0.content.0.text: text content blocks must be non-empty'],
    [{ ...valid, messages: [{ role: 'user', content: [] }] }, 'messages: all messages must have non-empty content except for the optional final assistant message'],
    [
      { ...valid, messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'x', input: {} }] }] },
      'Requests which include `tool_use` or `tool_result` blocks must define tools.',
    ],
    [
      {
        ...valid,
        tools: [{ name: 'x', input_schema: { type: 'object' } }],
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'x', input: {} }] },
          { role: 'user', content: 'b' },
        ],
      },
      'messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: t1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    ],
    [
      { ...valid, tools: [{ name: 'x', input_schema: { type: 'object' } }], messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't9' }] }] },
      'messages.0.content: unexpected `tool_use_id` found in `tool_result` blocks: t9. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
    ],
  ])('refuses what Claude refuses (%#)', (body, expected) => {
    expect(message(body)).toBe(expected);
  });

  it('lets older models take temperature with top_p, and a final assistant prefill', () => {
    expect(() => parse({ ...valid, temperature: 0.5, top_p: 0.9 }, sonnet4)).not.toThrow();
    expect(() => parse({ ...valid, messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: '' }] })).not.toThrow();
  });
});
