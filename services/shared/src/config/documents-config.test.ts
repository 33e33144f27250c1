import { describe, expect, it } from 'vitest';
import { readDocumentsConfig, UPLOAD_LIMIT_BYTES } from './documents-config.ts';
import { ConfigError } from './load-config.ts';

const env = { DOCUMENTS_BUCKET: 'serenya-temp', DOCUMENTS_KMS_KEY_ID: 'alias/serenya-documents', PROCESSING_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q' };

describe('documents configuration', () => {
  it('limits uploads to 4.5 MB (4,500,000 bytes) by default', () => {
    expect(UPLOAD_LIMIT_BYTES).toBe(4_500_000);
    expect(readDocumentsConfig(env)).toEqual({ bucket: 'serenya-temp', kmsKeyId: 'alias/serenya-documents', queueUrl: env.PROCESSING_QUEUE_URL, maxUploadBytes: 4_500_000 });
  });

  it('lets MAX_UPLOAD_BYTES lower the limit, never raise it', () => {
    expect(readDocumentsConfig({ ...env, MAX_UPLOAD_BYTES: '1000000' }).maxUploadBytes).toBe(1_000_000);
    expect(readDocumentsConfig({ ...env, MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT_BYTES) }).maxUploadBytes).toBe(UPLOAD_LIMIT_BYTES);
    for (const bad of [String(UPLOAD_LIMIT_BYTES + 1), String(5 * 1024 * 1024), '0', 'lots']) {
      try {
        readDocumentsConfig({ ...env, MAX_UPLOAD_BYTES: bad });
        expect.unreachable(bad);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).issues.map((issue) => issue.variable)).toEqual(['MAX_UPLOAD_BYTES']);
      }
    }
  });
});
