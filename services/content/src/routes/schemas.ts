/**
 * Request and response schemas of the content API: the validation and the OpenAPI document.
 * @module
 */
import { z } from '@hono/zod-openapi';
import { LabInterpretationSchema, LabValueSchema } from '#shared/interpretation/lab-interpretation.ts';
import { DEFAULT_TIMELINE_LIMIT, MAX_TIMELINE_LIMIT } from '../domain/timeline.ts';
import { MAX_CURSOR_LENGTH } from '../domain/timeline-cursor.ts';

export const TimelineQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_TIMELINE_LIMIT)
    .default(DEFAULT_TIMELINE_LIMIT)
    .openapi({ param: { name: 'limit', in: 'query' }, description: `Results per page, 1 to ${MAX_TIMELINE_LIMIT}`, example: DEFAULT_TIMELINE_LIMIT }),
  // Shape only here; the route decodes it and answers an undecodable cursor with the same 400.
  cursor: z
    .string()
    .min(1)
    .max(MAX_CURSOR_LENGTH)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: "The previous page's nextCursor, unchanged" }),
});

export const ContentSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    documentDate: z.string().nullable().openapi({ description: 'ISO yyyy-mm-dd, when the report prints one', example: '2026-03-14' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    summary: z.string(),
    flaggedCount: z.number().int().openapi({ description: 'Values outside their reference range' }),
  })
  .openapi('ContentSummary');

export const TimelinePageSchema = z
  .object({
    items: z.array(ContentSummarySchema).openapi({ description: 'Newest first' }),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .openapi('TimelinePage');

// Any string: a malformed id is answered 404 like a missing result, never 400.
export const ContentIdParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, format: 'uuid', example: '7f1c0a52-3d7e-4a8e-9c1b-2b8f0d4e6a10' }),
});

export const LabContentSchema = z
  .object({
    id: z.uuid(),
    jobId: z.uuid(),
    title: z.string(),
    documentDate: z.string().nullable(),
    summary: z.string(),
    interpretation: LabInterpretationSchema,
    labValues: z.array(LabValueSchema),
    flaggedCount: z.number().int(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    modelId: z.string(),
  })
  .openapi('LabContent');

export const SubscriptionStatusSchema = z
  .object({
    plan: z.string().openapi({ enum: ['free', 'premium'], example: 'free' }),
    period: z
      .object({
        start: z.string().openapi({ format: 'date-time', description: 'First instant of the current calendar month, UTC' }),
        end: z.string().openapi({ format: 'date-time', description: 'First instant of the next month (exclusive)' }),
      })
      .openapi({ description: 'The current calendar month, UTC' }),
    limits: z.object({ documentsPerMonth: z.number().int(), chatMessagesPerMonth: z.number().int() }),
    usage: z
      .object({
        documents: z.number().int().openapi({ description: 'Document jobs created this month' }),
        chatMessages: z.number().int().openapi({ description: 'Chat messages sent by the user this month' }),
        llmCostCents: z.number().openapi({ description: 'Model cost this month, US cents (two decimals)' }),
      })
      .openapi({ description: 'May lag new usage by up to 15 minutes (cached); quotas are enforced on live data' }),
  })
  .openapi('SubscriptionStatus');
