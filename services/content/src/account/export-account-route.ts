/**
 * `GET /account/export` (Bearer): everything held about the user, decrypted, as a JSON
 * download (`content-disposition: attachment; filename="serenya-export.json"`).
 * `GET /account/export?format=fhir`: the lab values as a FHIR R4 Bundle
 * (`application/fhir+json`, `serenya-export.fhir.json`). Both write an `account.exported` audit
 * event (a read of PHI). A user whose account is erased (token still valid) gets 404.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent, writeFailureAuditEvent } from '#shared/audit/write-audit-event.ts';
import { AppError } from '#shared/errors/index.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import type { ServiceEnv } from '#shared/http/service-env.ts';
import { ACCOUNT_RESOURCE_TYPE, type AccountDependencies } from './account-dependencies.ts';
import { AccountExportSchema, ExportQuery, FhirBundleSchema } from './account-schemas.ts';
import { collectAccountExport } from './collect-account-export.ts';
import { toFhirBundle } from './fhir/lab-values-to-fhir-bundle.ts';

export const exportAccountRoute = createRoute({
  method: 'get',
  path: '/account/export',
  tags: ['account'],
  summary: 'Export everything Serenya holds about the signed-in user (GDPR), or the lab values as FHIR',
  security: [{ bearer: [] }],
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'The export, as a download',
      content: { 'application/json': { schema: AccountExportSchema }, 'application/fhir+json': { schema: FhirBundleSchema } },
    },
    400: errorResponseSpec('VALIDATION_ERROR: unknown format'),
    401: errorResponseSpec('UNAUTHORIZED'),
    404: errorResponseSpec('NOT_FOUND: the account is erased'),
    503: errorResponseSpec('SERVICE_UNAVAILABLE'),
  },
});

export function registerExportAccount(app: ServiceApp, deps: AccountDependencies, auth: MiddlewareHandler<ServiceEnv>): void {
  app.use(exportAccountRoute.path, auth);
  app.openapi(exportAccountRoute, async (c) => {
    const userId = c.get('userId');
    const requestId = c.get('requestId');
    const format = c.req.valid('query').format ?? 'json';
    const audit = { actorId: userId, action: AuditActions.accountExported, resourceType: ACCOUNT_RESOURCE_TYPE, resourceId: userId, requestId };
    let exported;
    try {
      exported = await collectAccountExport(deps, userId);
    } catch (error) {
      await writeFailureAuditEvent(deps.db, { ...audit, outcome: 'failure', reason: error instanceof AppError ? error.code : 'INTERNAL_ERROR' });
      throw error;
    }
    if (!exported) {
      await writeFailureAuditEvent(deps.db, { ...audit, outcome: 'failure', reason: 'NOT_FOUND' });
      throw new AppError('NOT_FOUND');
    }
    await writeAuditEvent(deps.db, { ...audit, outcome: 'success' });
    if (format === 'fhir') {
      const bundle = toFhirBundle(userId, exported.results, new Date(exported.exportedAt));
      // c.json keeps a content-type given here: FHIR's own media type, same JSON body.
      return c.json(bundle, 200, {
        'content-type': 'application/fhir+json; charset=utf-8',
        'content-disposition': 'attachment; filename="serenya-export.fhir.json"',
      });
    }
    c.header('content-disposition', 'attachment; filename="serenya-export.json"');
    return c.json(exported, 200);
  });
}
