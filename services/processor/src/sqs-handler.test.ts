import { describe, expect, it } from 'vitest';
import { captureEmf } from '#shared/testing/capture-emf.ts';
import { readProcessorConfig } from './processor-config.ts';
import type { ProcessorDependencies } from './processor-dependencies.ts';
import { processingMessageBody } from './processing-message.ts';
import type { SqsRecord } from './sqs-event.ts';
import { createProcessorHandler } from './sqs-handler.ts';

/** Dependencies that must not be touched: any use fails the test. */
function untouchable(config = readProcessorConfig({})): ProcessorDependencies {
  const fail = (): never => {
    throw new Error('dependency used');
  };
  const trap = new Proxy({}, { get: fail });
  return { db: trap as never, bedrock: trap as never, documents: trap as never, cipher: trap as never, queue: trap as never, config };
}

function record(messageId: string, body: string): SqsRecord {
  return { messageId, body, attributes: { ApproximateReceiveCount: '1' } };
}

describe('createProcessorHandler', () => {
  it('drops malformed bodies without touching anything, and counts them', async () => {
    const emf = captureEmf();
    try {
      const handler = createProcessorHandler(untouchable());
      const response = await handler({ Records: [record('m1', 'nope'), record('m2', '{"jobId":1}')] }, { awsRequestId: 'r', getRemainingTimeInMillis: () => 170_000 });
      expect(response).toEqual({ batchItemFailures: [] });
      expect(emf.named('DocumentsProcessed').map((line) => line.Outcome)).toEqual(['malformed', 'malformed']);
      expect(emf.named('DocumentsProcessed')[0]?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Serenya/Documents', Dimensions: [['Outcome']] });
    } finally {
      emf.restore();
    }
  });

  it('does not start a document with too little time left: reports it for redelivery', async () => {
    const handler = createProcessorHandler(untouchable());
    const body = processingMessageBody('3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f');
    const response = await handler({ Records: [record('m1', body), record('m2', 'junk')] }, { getRemainingTimeInMillis: () => 5_000 });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });

  it('without a Lambda context, counts down from the configured budget', async () => {
    const config = { ...readProcessorConfig({}), budgetMs: 10_000, minStartMs: 20_000 };
    const handler = createProcessorHandler(untouchable(config));
    const response = await handler({ Records: [record('m1', processingMessageBody('3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'))] });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });
});
