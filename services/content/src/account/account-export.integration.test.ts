import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountExport } from './collect-account-export.ts';
import type { FhirBundle, FhirObservation } from './fhir/lab-values-to-fhir-bundle.ts';
import { createAccountTestContext, type AccountTestContext, type SeededUser } from './testing/account-test-context.ts';

let ctx: AccountTestContext;
let user: SeededUser;
let queryPages = 0;

beforeAll(async () => {
  // Small Query pages (7 items), so the export must follow LastEvaluatedKey to get all 30 records.
  ctx = await createAccountTestContext({
    wrapDynamo: (client: DynamoDBDocumentClient) => ({
      send: ((command: unknown) => {
        if (command instanceof QueryCommand) {
          queryPages++;
          command.input.Limit = 7;
        }
        return client.send(command as never);
      }) as DynamoDBDocumentClient['send'],
    }),
  });
  user = await ctx.seedUser();
});

afterAll(async () => {
  await ctx?.close();
});

async function exportOf(userId: string, query = ''): Promise<Response> {
  return ctx.request('GET', `/account/export${query}`, userId);
}

describe('GET /account/export', () => {
  it('contains every stored item, decrypted, as a download', async () => {
    queryPages = 0;
    const res = await exportOf(user.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="serenya-export.json"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as AccountExport;

    expect(body.profile).toMatchObject({ id: user.id, email: user.email, name: user.name });
    expect(Date.parse(body.profile.createdAt)).not.toBeNaN();
    expect(Date.parse(body.profile.lastSignInAt)).not.toBeNaN();
    expect(body.subscription.plan).toBe('premium');
    expect(body.subscription.startedAt).not.toBeNull();

    expect(body.results.map((r) => r.id).sort()).toEqual([...user.contentIds].sort());
    expect(body.results.reduce((n, r) => n + r.labValues.length, 0)).toBe(user.labValueCount);
    const lipid = body.results.find((r) => r.title === 'Lipid Panel');
    expect(lipid?.documentDate).toBe('2026-11-02');
    expect(lipid?.summary.length).toBeGreaterThan(0);
    expect(lipid?.interpretation.labValues).toHaveLength(lipid?.labValues.length ?? -1);
    expect(lipid?.labValues.find((v) => v.name === 'LDL Cholesterol')).toMatchObject({ value: 162, unit: 'mg/dL', flag: 'high' });

    const texts = body.conversations.flatMap((c) => c.messages.map((m) => m.text));
    expect(texts.sort()).toEqual([...user.messageTexts].sort());
    expect(body.conversations.map((c) => c.contentId).sort()).toEqual([...user.contentIds].sort());

    expect(body.jobs.map((j) => j.jobId).sort()).toEqual([...user.jobIds].sort());
    expect(body.jobs.filter((j) => j.status === 'completed')).toHaveLength(2);
    expect(body.jobs.find((j) => j.status === 'failed')?.error?.code).toBe('DOCUMENT_UNREADABLE');

    expect(body.sessions.map((session) => session.id).sort()).toEqual([...user.familyIds].sort());
    for (const session of body.sessions) {
      expect(Object.keys(session).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'revokedAt', 'revokedReason']);
      expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.parse(session.createdAt));
      expect(session.revokedAt).toBeNull();
    }

    expect(body.usage.costRecords).toHaveLength(user.costRecordCount);
    expect(body.usage.costRecords.every((r) => r.userId === user.id)).toBe(true);
    expect(queryPages).toBeGreaterThanOrEqual(5);
    expect(Date.parse(body.exportedAt)).not.toBeNaN();
  });

  it('exports only the caller\u2019s data', async () => {
    const other = await ctx.seedUser(3);
    const body = (await (await exportOf(other.id)).json()) as AccountExport;
    expect(body.profile.email).toBe(other.email);
    expect(body.results.map((r) => r.id).sort()).toEqual([...other.contentIds].sort());
    expect(body.usage.costRecords).toHaveLength(3);
    expect(JSON.stringify(body)).not.toContain(user.id);
  });

  it('writes an account.exported audit event without PHI', async () => {
    const res = await exportOf(user.id);
    const requestId = res.headers.get('x-request-id');
    const rows = await ctx.adminDb.selectFrom('audit_events').selectAll().where('actor_id', '=', user.id).where('action', '=', 'account.exported').execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.outcome === 'success' && r.resource_id === user.id)).toBe(true);
    if (requestId) expect(rows.map((r) => r.request_id)).toContain(requestId);
    expect(JSON.stringify(rows)).not.toContain(user.email);
  });

  it('answers 401 without a token and 400 for an unknown format', async () => {
    expect((await ctx.request('GET', '/account/export')).status).toBe(401);
    expect((await ctx.request('GET', '/account/export?format=fhir')).status).toBe(401);
    expect((await exportOf(user.id, '?format=xml')).status).toBe(400);
  });
});

describe('GET /account/export?format=fhir', () => {
  let bundle: FhirBundle;
  let res: Response;
  const byName = (name: string): FhirObservation => {
    const found = bundle.entry.find((e) => e.resource.code.text === name)?.resource;
    if (!found) throw new Error(`no Observation for ${name}`);
    return found;
  };

  beforeAll(async () => {
    res = await exportOf(user.id, '?format=fhir');
    bundle = (await res.json()) as FhirBundle;
  });

  it('is a FHIR R4 collection Bundle of one final laboratory Observation per lab value', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="serenya-export\.fhir\.json"$/);
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    expect(bundle.entry).toHaveLength(user.labValueCount);
    for (const { fullUrl, resource } of bundle.entry) {
      expect(fullUrl).toBe(`urn:uuid:${resource.id}`);
      expect(resource.resourceType).toBe('Observation');
      expect(resource.status).toBe('final');
      expect(resource.category).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] }]);
      expect(resource.code.text.length).toBeGreaterThan(0);
      expect(resource.subject).toEqual({ reference: `Patient/${user.id}` });
      expect(resource.effectiveDateTime).toBe('2026-11-02');
      expect(Date.parse(resource.issued)).not.toBeNaN();
      expect(typeof resource.valueQuantity.value).toBe('number');
      expect(resource.interpretation?.[0]?.coding[0]?.system).toBe('http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation');
    }
    expect(JSON.stringify(bundle)).not.toContain(user.email);
  });

  it('codes known analytes in LOINC with UCUM units, ranges and interpretation', () => {
    const ldl = byName('LDL Cholesterol');
    expect(ldl.code.coding).toEqual([expect.objectContaining({ system: 'http://loinc.org', code: '13457-7' })]);
    expect(ldl.valueQuantity).toEqual({ value: 162, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' });
    expect(ldl.referenceRange).toEqual([{ high: { value: 100, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' }, text: '<100' }]);
    expect(ldl.interpretation?.[0]?.coding[0]?.code).toBe('H');

    expect(byName('HDL').code.coding?.[0]?.code).toBe('2085-9');
    expect(byName('HDL').interpretation?.[0]?.coding[0]?.code).toBe('L');
    expect(byName('Total Cholesterol').code.coding?.[0]?.code).toBe('2093-3');
    expect(byName('Triglycerides').interpretation?.[0]?.coding[0]?.code).toBe('N');
    expect(byName('Glucose, fasting').code.coding?.[0]?.code).toBe('1558-6');
    expect(byName('Urea nitrogen (BUN)').code.coding?.[0]?.code).toBe('3094-0');
    expect(byName('Carbon dioxide').code.coding?.[0]?.code).toBe('2028-9');

    const egfr = byName('eGFR');
    expect(egfr.code.coding?.[0]?.code).toBe('98979-8');
    expect(egfr.valueQuantity.code).toBe('mL/min/{1.73_m2}');

    const potassium = byName('Potassium');
    expect(potassium.code.coding?.[0]?.code).toBe('2823-3');
    expect(potassium.valueQuantity).toMatchObject({ value: 6.8, code: 'mmol/L' });
    expect(potassium.referenceRange?.[0]).toMatchObject({ low: { value: 3.5 }, high: { value: 5.1 } });
    expect(potassium.interpretation?.[0]?.coding[0]?.code).toBe('HH');
  });

  it('keeps an unknown analyte as text only', () => {
    const nonHdl = byName('Non-HDL Cholesterol');
    expect(nonHdl.code).toEqual({ text: 'Non-HDL Cholesterol' });
    expect(nonHdl.valueQuantity.code).toBe('mg/dL');
  });
});
