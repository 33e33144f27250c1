/**
 * Request and response schemas of the account routes: validation and the OpenAPI document.
 * The export body is described at the top level; its nested items mirror the TypeScript types
 * in collect-account-export.ts and fhir/lab-values-to-fhir-bundle.ts.
 * @module
 */
import { z } from '@hono/zod-openapi';

export const ExportQuery = z.object({
  format: z
    .enum(['json', 'fhir'])
    .optional()
    .openapi({ description: '`json` (default): everything held about the user. `fhir`: the lab values as a FHIR R4 Bundle of Observations (application/fhir+json).' }),
});

const isoDateTime = z.string().openapi({ format: 'date-time' });
const looseObject = z.record(z.string(), z.unknown());

export const AccountExportSchema = z
  .object({
    profile: z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable(), createdAt: isoDateTime, lastSignInAt: isoDateTime }),
    subscription: z.object({ plan: z.string(), startedAt: isoDateTime.nullable() }),
    results: z.array(looseObject).openapi({ description: 'Each result: id, jobId, title, documentDate, summary, createdAt, interpretation, labValues' }),
    conversations: z.array(z.object({ contentId: z.uuid(), messages: z.array(z.object({ id: z.uuid(), role: z.enum(['user', 'assistant']), text: z.string(), createdAt: isoDateTime })) })),
    jobs: z.array(looseObject).openapi({ description: 'Each job as GET /jobs/{jobId} shows it, plus mediaType and sizeBytes' }),
    sessions: z
      .array(z.object({ id: z.uuid(), createdAt: isoDateTime, expiresAt: isoDateTime, revokedAt: isoDateTime.nullable(), revokedReason: z.string().nullable() }))
      .openapi({ description: 'Sign-in sessions (refresh-token families), without token material' }),
    usage: z.object({ costRecords: z.array(looseObject).openapi({ description: 'The items of the LLM cost table for this user' }) }),
    exportedAt: isoDateTime,
  })
  .openapi('AccountExport');

export const FhirBundleSchema = z
  .object({
    resourceType: z.literal('Bundle'),
    type: z.literal('collection'),
    timestamp: isoDateTime,
    entry: z.array(z.object({ fullUrl: z.string(), resource: looseObject })),
  })
  .openapi('FhirBundle', { description: 'FHIR R4 Bundle of laboratory Observations (LOINC codes where known, UCUM units)' });
