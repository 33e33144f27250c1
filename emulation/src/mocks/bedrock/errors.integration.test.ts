import {
  AccessDeniedException,
  ConverseCommand,
  ConverseStreamCommand,
  InternalServerException,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ModelErrorException,
  ModelNotReadyException,
  ModelStreamErrorException,
  ModelTimeoutException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
  type ConverseCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { ERROR_SPECS, STREAM_EXCEPTION_MEMBERS, type BedrockErrorType } from './errors.ts';
import { anthropicBody, readConverseStream, testClient, TEST_MODEL_ID, useBedrockMock } from './testing/sdk-test-helpers.ts';

const { mock, client } = await useBedrockMock();

const SDK_CLASSES: Record<BedrockErrorType, abstract new (...args: never[]) => Error> = {
  ValidationException,
  AccessDeniedException,
  ResourceNotFoundException,
  ModelTimeoutException,
  ModelErrorException,
  ModelStreamErrorException,
  ThrottlingException,
  ModelNotReadyException,
  ServiceQuotaExceededException,
  InternalServerException,
  ServiceUnavailableException,
};

const converseInput: ConverseCommandInput = { modelId: TEST_MODEL_ID, messages: [{ role: 'user', content: [{ text: 'Hello' }] }] };
const invokeBody = anthropicBody({ messages: [{ role: 'user', content: 'Hello' }] });

async function caught(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; requestId?: string } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('injected errors before any byte', () => {
  it.each(Object.keys(SDK_CLASSES) as BedrockErrorType[])('%s reaches Converse and InvokeModel callers as its SDK class and status', async (type) => {
    mock.configure({ errors: { rate: 1, types: [type] } });

    const converseError = await caught(client.send(new ConverseCommand(converseInput)));
    const invokeError = await caught(client.send(new InvokeModelCommand({ modelId: TEST_MODEL_ID, body: invokeBody })));

    for (const error of [converseError, invokeError]) {
      expect(error).toBeInstanceOf(SDK_CLASSES[type]);
      expect(error.name).toBe(type);
      expect(error.message).toBe(ERROR_SPECS[type].defaultMessage);
      expect(error.$metadata?.httpStatusCode).toBe(ERROR_SPECS[type].status);
      expect(error.$metadata?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(mock.stats().errorsInjected).toEqual({ [type]: 2 });
  });

  it('fails a stream operation before the stream when not asked for mid-stream', async () => {
    mock.configure({ errors: { rate: 1, types: ['ServiceUnavailableException'] } });
    const error = await caught(client.send(new ConverseStreamCommand(converseInput)));
    expect(error).toBeInstanceOf(ServiceUnavailableException);
  });

  it('carries the model error details', async () => {
    mock.configure({ errors: { rate: 1, types: ['ModelErrorException'] } });
    const error = (await caught(client.send(new ConverseCommand(converseInput)))) as ModelErrorException;
    expect(error.originalStatusCode).toBe(500);
    expect(error.resourceName).toBe('anthropic');
  });
});

describe('injected errors mid-stream', () => {
  it.each(STREAM_EXCEPTION_MEMBERS.ConverseStream)('ConverseStream raises %s after messageStart', async (type) => {
    mock.configure({ errors: { rate: 1, types: [type], midStream: true } });
    const response = await client.send(new ConverseStreamCommand(converseInput));
    const events: string[] = [];

    const error = await caught(
      (async () => {
        for await (const event of response.stream ?? []) events.push(Object.keys(event)[0] ?? '?');
      })(),
    );

    expect(response.$metadata.httpStatusCode).toBe(200);
    expect(events).toEqual(['messageStart']);
    expect(error).toBeInstanceOf(SDK_CLASSES[type]);
  });

  it.each(STREAM_EXCEPTION_MEMBERS.InvokeModelWithResponseStream)('InvokeModelWithResponseStream raises %s after message_start', async (type) => {
    mock.configure({ errors: { rate: 1, types: [type], midStream: true } });
    const response = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: TEST_MODEL_ID, body: invokeBody }));
    const chunks: string[] = [];

    const error = await caught(
      (async () => {
        for await (const part of response.body ?? []) chunks.push((JSON.parse(Buffer.from(part.chunk?.bytes ?? []).toString()) as { type: string }).type);
      })(),
    );

    expect(chunks).toEqual(['message_start']);
    expect(error).toBeInstanceOf(SDK_CLASSES[type]);
    expect(mock.stats().errorsInjected).toEqual({ [type]: 1 });
  });
});

describe('requests Bedrock refuses', () => {
  it('an unknown model id is a ValidationException', async () => {
    const error = await caught(client.send(new ConverseCommand({ ...converseInput, modelId: 'anthropic.claude-9-imaginary' })));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe('The provided model identifier is invalid.');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('a bad InvokeModel body is a ValidationException with the schema violation', async () => {
    const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', messages: [{ role: 'user', content: 'Hi' }] });
    const error = await caught(client.send(new InvokeModelCommand({ modelId: TEST_MODEL_ID, body })));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe('Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.');
  });

  it('a bad Converse body is a ValidationException', async () => {
    const error = await caught(client.send(new ConverseCommand({ ...converseInput, inferenceConfig: { maxTokens: 0 } })));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toMatch(/^1 validation error detected: Value '0' at 'inferenceConfig.maxTokens'/);
    const stream = await caught(client.send(new ConverseStreamCommand({ ...converseInput, messages: [] })));
    expect(stream).toBeInstanceOf(ValidationException);
    expect(mock.stats().errors).toEqual({ ValidationException: 2 });
    expect(mock.stats().errorsInjected).toEqual({});
  });
});

describe('retries', () => {
  it('the SDK retries a throttled call and the mock sees every attempt', async () => {
    const retrying = testClient(mock.endpoint, { maxAttempts: 3 });
    mock.configure({ errors: { rate: 1, types: ['ThrottlingException'], operations: ['Converse'] } });
    try {
      const error = await caught(retrying.send(new ConverseCommand(converseInput)));
      expect(error).toBeInstanceOf(ThrottlingException);
      expect((error as ThrottlingException).$metadata.attempts).toBe(3);
      expect(mock.stats().requests.Converse).toBe(3);

      // An operation the filter leaves alone still works.
      const stream = await readConverseStream(performance.now(), (await retrying.send(new ConverseStreamCommand(converseInput))).stream);
      expect(stream.stopReason).toBe('end_turn');
    } finally {
      retrying.destroy();
    }
  });

  it('ModelTimeoutException (408) is not retried', async () => {
    const retrying = testClient(mock.endpoint, { maxAttempts: 3 });
    mock.configure({ errors: { rate: 1, types: ['ModelTimeoutException'] } });
    try {
      const error = (await caught(retrying.send(new ConverseCommand(converseInput)))) as ModelTimeoutException;
      expect(error.$metadata.attempts).toBe(1);
    } finally {
      retrying.destroy();
    }
  });
});
