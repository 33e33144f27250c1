import { describe, expect, it } from 'vitest';
import { CONVERSE_ATTACHMENT_LIMITS } from '#shared/bedrock/converse-attachment-limits.ts';
import { UPLOAD_LIMIT_BYTES } from '#shared/config/documents-config.ts';
import { MULTIPART_OVERHEAD_BYTES, uploadBodyLimit } from './upload-limits.ts';

/** Lambda's synchronous invoke payload limit: the whole event JSON. */
const LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;
/**
 * Everything in the HTTP API's payload 2.0 event besides the body: headers (a Bearer JWT of a
 * kilobyte or two, user agent, forwarding headers), requestContext, the authorizer's claims.
 * Real events are 2–4 KiB; 16 KiB is generous.
 */
const EVENT_ENVELOPE_ALLOWANCE_BYTES = 16 * 1024;

const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

describe('the upload limit', () => {
  it('keeps the largest acceptable request, base64-encoded in the HTTP API event, under Lambda’s 6 MB invoke limit', () => {
    expect(LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES).toBe(6_291_456);
    const largestBody = uploadBodyLimit(UPLOAD_LIMIT_BYTES);
    expect(largestBody).toBe(UPLOAD_LIMIT_BYTES + MULTIPART_OVERHEAD_BYTES);
    expect(base64Length(largestBody) + EVENT_ENVELOPE_ALLOWANCE_BYTES).toBeLessThanOrEqual(LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES);
    // The old 5 MB limit did not fit: its event was refused before our code ran.
    expect(base64Length(5 * 1024 * 1024)).toBeGreaterThan(LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES);
  });

  it('is no larger than the largest document Converse accepts', () => {
    expect(UPLOAD_LIMIT_BYTES).toBeLessThanOrEqual(CONVERSE_ATTACHMENT_LIMITS.documentBytes);
    // 4.5 MB counted in decimal megabytes too, whichever way Converse counts.
    expect(UPLOAD_LIMIT_BYTES).toBeLessThanOrEqual(4.5 * 1000 * 1000);
  });
});
