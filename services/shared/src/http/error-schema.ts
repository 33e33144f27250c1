/**
 * The error body as a zod/OpenAPI schema, so every route documents the errors it answers with.
 * @module
 */
import { z } from '@hono/zod-openapi';
import { ErrorCategories } from '../errors/index.ts';

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_ERROR' }),
      message: z.string(),
      category: z.enum(ErrorCategories),
      requestId: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('ErrorResponse');

/** An OpenAPI response entry for an error status. */
export function errorResponseSpec(description: string) {
  return { description, content: { 'application/json': { schema: ErrorResponseSchema } } };
}
