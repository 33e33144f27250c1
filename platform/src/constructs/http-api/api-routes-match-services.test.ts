import { describe, expect, it } from 'vitest';
import { httpApiEvent, lambdaContext } from '#shared/testing/lambda-events.ts';
import { useLambdaHandler } from '#shared/testing/lambda-handler-harness.ts';
import { FUNCTION_ENTRIES } from '../functions/function-entries.ts';
import { API_ROUTES, type ApiService } from './api-routes.ts';

// API_ROUTES restates the services' routes for the gateway; a route a service adds but the
// gateway lacks answers 404 in AWS only, so each service's own OpenAPI document is the check.
// The environment is the union every handler reads at import; nothing here is reached.
const HANDLER_ENVIRONMENT = {
  GOOGLE_CLIENT_IDS: 'client.apps.googleusercontent.com',
  ACCESS_TOKEN_SIGNER: 'local',
  PHI_KMS_KEY_ARN: 'arn:aws:kms:eu-west-1:123456789012:alias/serenya-database',
  COST_TABLE_NAME: 'serenya-llm-cost-tracking',
  DOCUMENTS_BUCKET: 'serenya-temp',
  DOCUMENTS_KMS_KEY_ID: 'alias/serenya-documents',
  PROCESSING_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/serenya-processing',
};

const SERVICES: readonly ApiService[] = ['auth', 'documents', 'chat', 'content'];

describe.each(SERVICES)('the gateway routes of the %s function', (service) => {
  const entry = new URL(`../../../../${FUNCTION_ENTRIES[service]}`, import.meta.url).href;
  const lambda = useLambdaHandler(() => import(entry), HANDLER_ENVIRONMENT);

  it("are exactly the routes in the service's /openapi.json", async () => {
    const res = await lambda.handler(httpApiEvent('GET', '/openapi.json'), lambdaContext(`serenya-${service}`));
    expect(res.statusCode).toBe(200);
    const document = JSON.parse(res.body) as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    const routed = API_ROUTES.filter((route) => route.service === service).map((route) => `${route.method} ${route.path}`);
    expect(routed.sort()).toEqual(served.sort());
  });
});
