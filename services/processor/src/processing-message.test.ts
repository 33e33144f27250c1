import { describe, expect, it } from 'vitest';
import { parseProcessingMessage, processingMessageBody } from './processing-message.ts';

const JOB_ID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('the processing message', () => {
  it('round-trips a job id', () => {
    expect(parseProcessingMessage(processingMessageBody(JOB_ID))).toEqual({ jobId: JOB_ID });
  });

  it('ignores unknown extra keys', () => {
    expect(parseProcessingMessage(JSON.stringify({ jobId: JOB_ID, traceId: 'x' }))).toEqual({ jobId: JOB_ID });
  });

  it.each(['', 'not json', 'null', '[]', '{}', '{"jobId":42}', '{"jobId":"not-a-uuid"}', `{"id":"${JOB_ID}"}`])('refuses %j', (body) => {
    expect(parseProcessingMessage(body)).toBeUndefined();
  });
});
