/**
 * Request and response schemas of the documents API: the validation and the OpenAPI document.
 * @module
 */
import { z } from '@hono/zod-openapi';
import { JobStatuses } from '#shared/db/schema.ts';

/** 1–255 visible ASCII characters (no spaces, no control characters). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

// Header names arrive lower-cased, so the schema key is too (HTTP headers are case-insensitive).
export const UploadHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'must be 1 to 255 visible ASCII characters')
    .optional()
    .openapi({
      description: 'Makes the upload safe to repeat: the same key from the same user within 24 h returns the first job instead of creating another.',
      example: '7c1f0a52-upload-1',
    }),
});

/**
 * The multipart body, as a plain OpenAPI schema rather than zod: a zod schema here would make
 * the framework parse and validate the form itself, answering a wrong Content-Type with a bare
 * 415; the route reads the form and answers in the API's own error codes instead.
 */
export const UploadBodySchema = {
  type: 'object' as const,
  required: ['file'],
  properties: {
    file: { type: 'string' as const, format: 'binary', description: 'The lab report: PDF, JPEG or PNG (decided by its content), 1 byte to 4.5 MB (4,500,000 bytes); a JPEG or PNG up to 3.75 MB' },
  },
};

export const JobStatusSchema = z.enum(JobStatuses).openapi('JobStatus');

export const UploadAccepted = z
  .object({
    jobId: z.uuid(),
    status: JobStatusSchema,
    statusUrl: z.string().openapi({ description: 'Where to poll the job', example: '/jobs/0b6c7a8e-2f1d-4c3b-9a8e-1d2c3b4a5f60' }),
  })
  .openapi('UploadAccepted');

export const JobView = z
  .object({
    jobId: z.uuid(),
    status: JobStatusSchema,
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    attempts: z.number().int().openapi({ description: 'Processing attempts started so far' }),
    contentId: z.uuid().optional().openapi({ description: 'The interpretation, once completed' }),
    error: z
      .object({ code: z.string(), message: z.string(), retryable: z.boolean().openapi({ description: 'Whether POST /jobs/{jobId}/retry can run it again' }) })
      .optional(),
  })
  .openapi('JobView');

// Any string: a malformed id is answered 404 like a missing job, never 400 (which would tell
// a prober which ids are well-formed).
export const JobIdParams = z.object({
  jobId: z.string().openapi({ param: { name: 'jobId', in: 'path' }, format: 'uuid', example: '0b6c7a8e-2f1d-4c3b-9a8e-1d2c3b4a5f60' }),
});
