import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourcesOf, synthesizedStages } from '../../testing/synthesized-stages.ts';
import { MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_FACTOR } from '../processing-queue/processing-queue.ts';
import { esbuildOptions, SERVICE_BUNDLING } from './bundling.ts';
import { FUNCTION_ENTRIES } from './function-entries.ts';
import { EMULATOR_ENTRY_METADATA, EMULATOR_HANDLER_METADATA } from './service-function.ts';

const { development, production } = synthesizedStages();
const { template } = development;
// The service functions; CDK's own custom-resource handlers (default-SG restriction,
// cross-region references) are raw resources without a name of ours.
const functions = Object.fromEntries(
  resourcesOf(template, 'AWS::Lambda::Function')
    .filter(([, fn]) => String(fn.Properties.FunctionName).startsWith('serenya-'))
    .map(([id, fn]) => [fn.Properties.FunctionName as string, { id, ...fn }]),
) as Record<string, { id: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
const fn = (name: string) => {
  const found = functions[`serenya-development-${name}`];
  if (!found) throw new Error(`no function ${name}`);
  return found;
};
const env = (name: string) => (fn(name).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const apiFunctions = ['auth', 'documents', 'chat', 'content'];

describe('functions', () => {
  it('are the seven service functions, nodejs24.x on arm64, X-Ray active, in the VPC, with reserved concurrency', () => {
    expect(Object.keys(functions).sort()).toEqual(
      ['auth', 'chat', 'chat-stream', 'content', 'documents', 'processor', 'stale-job-sweeper'].map((name) => `serenya-development-${name}`),
    );
    for (const { Properties } of Object.values(functions)) {
      expect(Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
      expect(Properties.VpcConfig).toBeDefined();
      expect(Properties.ReservedConcurrentExecutions).toEqual(expect.any(Number));
    }
  });

  it('carry the emulator contract: handler source and export as metadata', () => {
    expect(fn('auth').Metadata).toMatchObject({ [EMULATOR_ENTRY_METADATA]: 'services/auth/src/handler.ts', [EMULATOR_HANDLER_METADATA]: 'handler' });
    expect(fn('stale-job-sweeper').Metadata).toMatchObject({ [EMULATOR_ENTRY_METADATA]: 'services/processor/src/stale-job-sweeper-handler.ts' });
    expect(fn('chat-stream').Metadata).toMatchObject({ [EMULATOR_ENTRY_METADATA]: 'services/chat/src/stream-handler.ts', [EMULATOR_HANDLER_METADATA]: 'handler' });
  });

  it('bundle exactly the entries npm run bundle:size measures, with the same esbuild options', () => {
    for (const [name, entry] of Object.entries(FUNCTION_ENTRIES)) expect(fn(name).Metadata?.[EMULATOR_ENTRY_METADATA]).toBe(entry);
    const options = esbuildOptions(FUNCTION_ENTRIES.auth);
    expect(options).toMatchObject({ format: 'esm', minify: true, sourcemap: false, target: SERVICE_BUNDLING.target, external: SERVICE_BUNDLING.externalModules });
    expect(options.banner.js).toBe(SERVICE_BUNDLING.banner);
    expect(SERVICE_BUNDLING).toMatchObject({ format: 'esm', minify: true, sourceMap: false });
  });

  it('behind the HTTP API take at most 29 s; the processor 180 s with 2 GB', () => {
    for (const name of apiFunctions) expect(fn(name).Properties.Timeout).toBeLessThanOrEqual(29);
    expect(fn('processor').Properties).toMatchObject({ Timeout: 180, MemorySize: 2048 });
    // Every function an API integration invokes is one of those ≤ 29 s functions.
    const integrated = JSON.stringify(template.findResources('AWS::ApiGatewayV2::Integration'));
    for (const [name, { id }] of Object.entries(functions)) {
      if (integrated.includes(`"${id}"`)) expect(apiFunctions.map((n) => `serenya-development-${n}`)).toContain(name);
    }
  });

  it('set their own deadlines below the function timeout, so they answer 504 before being killed', () => {
    for (const name of ['chat', 'chat-stream']) {
      const timeoutMs = (fn(name).Properties.Timeout as number) * 1000;
      expect(Number(env(name).CHAT_REQUEST_BUDGET_MS)).toBe(timeoutMs - 2_000);
      expect(Number(env(name).BEDROCK_TIMEOUT_MS)).toBe(timeoutMs - 4_000);
    }
    expect(Number(env('processor').BEDROCK_TIMEOUT_MS)).toBeLessThan(180_000);
    expect(env('processor').PROCESSING_BUDGET_MS).toBe('180000');
  });

  it('reach the database through RDS Proxy with IAM auth and verified TLS', () => {
    for (const name of Object.keys(functions)) {
      const variables = (functions[name]?.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables).toMatchObject({ DATABASE_SSL: 'verify-full', DATABASE_IAM_AUTH: 'true' });
      expect(JSON.stringify(variables.DATABASE_URL)).toMatch(/postgresql:\/\/serenya_app_user@.*DatabaseProxy.*:5432\/serenya/);
    }
  });

  it('get their configuration: signer, keys, bucket, queue, table, models', () => {
    expect(JSON.stringify(env('auth').ACCESS_TOKEN_SIGNER)).toContain('kms:');
    expect(env('auth').GOOGLE_CLIENT_IDS).toBe('serenya-dev.apps.googleusercontent.com');
    expect(env('processor')).toMatchObject({
      BEDROCK_DOCUMENT_MODEL_ID: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
      PROCESSING_MAX_RECEIVES: String(MAX_RECEIVE_COUNT),
      COST_TABLE_NAME: { Ref: expect.stringMatching(/^CostTable/) as unknown },
    });
    for (const name of ['documents', 'chat', 'content']) expect(env(name)).toHaveProperty('ACCESS_TOKEN_JWKS_URL');
    for (const name of ['documents', 'content', 'processor', 'stale-job-sweeper']) expect(Object.keys(env(name))).toEqual(expect.arrayContaining(['DOCUMENTS_BUCKET', 'DOCUMENTS_KMS_KEY_ID', 'PROCESSING_QUEUE_URL']));
  });

  it('the processor reads the queue one message at a time, reporting item failures; the queue waits 6× its timeout, 3 receives', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn('processor').id },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'serenya-development-processing',
      VisibilityTimeout: 180 * VISIBILITY_TIMEOUT_FACTOR,
      RedrivePolicy: { maxReceiveCount: MAX_RECEIVE_COUNT, deadLetterTargetArn: Match.anyValue() },
    });
  });

  it('chat-stream is the chat service behind its function URL: 60 s (no API Gateway cut), the same environment, not integrated in the API', () => {
    expect(fn('chat-stream').Properties).toMatchObject({ Timeout: 60, MemorySize: 1024, ReservedConcurrentExecutions: fn('chat').Properties.ReservedConcurrentExecutions });
    const { CHAT_REQUEST_BUDGET_MS: _b, BEDROCK_TIMEOUT_MS: _t, ...streamEnv } = env('chat-stream');
    const { CHAT_REQUEST_BUDGET_MS: _cb, BEDROCK_TIMEOUT_MS: _ct, ...chatEnv } = env('chat');
    expect(streamEnv).toEqual(chatEnv);
    expect(JSON.stringify(template.findResources('AWS::ApiGatewayV2::Integration'))).not.toContain(`"${fn('chat-stream').id}"`);
    template.hasResourceProperties('AWS::Lambda::Url', { TargetFunctionArn: { 'Fn::GetAtt': [fn('chat-stream').id, 'Arn'] }, AuthType: 'AWS_IAM', InvokeMode: 'RESPONSE_STREAM' });
    template.resourceCountIs('AWS::Lambda::Url', 1);
  });

  it('the sweeper runs every 5 minutes', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn('stale-job-sweeper').id, 'Arn'] } })],
    });
  });

  it('write to their own KMS-encrypted log group', () => {
    for (const [name, { Properties }] of Object.entries(functions)) {
      const config = Properties.LoggingConfig as { LogGroup: { Ref: string } };
      const group = template.findResources('AWS::Logs::LogGroup')[config.LogGroup.Ref] as { Properties: Record<string, unknown> };
      expect(group.Properties).toMatchObject({ LogGroupName: `/aws/lambda/${name}`, KmsKeyId: { 'Fn::GetAtt': ['KeysLogsKeyD24E82DB', 'Arn'] } });
    }
  });

  it('production keeps 10 warm on the documents and chat path (a live alias), and the API invokes the alias', () => {
    const prod = production.template;
    const aliases = resourcesOf(prod, 'AWS::Lambda::Alias');
    expect(aliases.map(([, alias]) => alias.Properties.ProvisionedConcurrencyConfig)).toEqual([
      { ProvisionedConcurrentExecutions: 10 },
      { ProvisionedConcurrentExecutions: 10 },
    ]);
    const integrations = JSON.stringify(prod.findResources('AWS::ApiGatewayV2::Integration'));
    for (const [id] of aliases) expect(integrations).toContain(id);
    expect(resourcesOf(template, 'AWS::Lambda::Alias')).toEqual([]);
  });
});

describe('function roles', () => {
  const policies = resourcesOf(template, 'AWS::IAM::Policy');
  const statements = policies.flatMap(([id, policy]) =>
    ((policy.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement).map((statement) => ({ id, statement })),
  );

  it('use no AWS-managed policy', () => {
    for (const [id, role] of resourcesOf(template, 'AWS::IAM::Role')) {
      const managed = JSON.stringify(role.Properties.ManagedPolicyArns ?? []);
      // AWS Backup's service role (its policy spans every supported service) and CDK's own
      // custom-resource providers (raw resources, README "Compliance notes") are the exceptions.
      if (managed.includes('AWSBackupServiceRolePolicyForBackup') || id.startsWith('Custom')) continue;
      expect(managed).toBe('[]');
    }
  });

  it('grant no "*" action, and "*" resources only where the service takes no narrower one', () => {
    const reasoned = new Set(['ManageVpcNetworkInterfaces']);
    const xray = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
    for (const { statement } of statements) {
      const actions = [statement.Action].flat() as string[];
      for (const action of actions) expect(action.includes('*')).toBe(false);
      if ([statement.Resource].flat().includes('*')) {
        const isXray = actions.every((action) => xray.includes(action));
        expect(isXray || reasoned.has(statement.Sid as string)).toBe(true);
      }
    }
  });

  it('chat-stream may do exactly what chat may (same statements, each on its own log group)', () => {
    const roleOf = (name: string) => (fn(name).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statementsOf = (name: string) =>
      policies
        .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(`"${roleOf(name)}"`))
        .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement)
        .map((statement) => JSON.stringify(statement).replaceAll(/FunctionsChat(Stream)?LogGroup[0-9A-F]{8}/g, 'OwnLogGroup'));
    expect(statementsOf('chat-stream').sort()).toEqual(statementsOf('chat').sort());
    expect(statementsOf('chat-stream').join()).toContain('InvokeChatModel');
  });

  it('let the content function (erasure) and the processor (clean-up) delete every version of the originals (versioned bucket), under jobs/ only', () => {
    const bySid = (sid: string) => statements.find(({ statement }) => statement.Sid === sid)?.statement;
    expect(bySid('EraseAccountDocuments')?.Action).toEqual(['s3:DeleteObject', 's3:DeleteObjectVersion']);
    expect(JSON.stringify(bySid('EraseAccountDocuments')?.Resource)).toContain('/jobs/*');
    expect(bySid('ReadAndDeleteProcessedDocuments')?.Action).toEqual(['s3:GetObject', 's3:DeleteObject', 's3:DeleteObjectVersion']);
    expect(JSON.stringify(bySid('ReadAndDeleteProcessedDocuments')?.Resource)).toContain('/jobs/*');
    const listing = statements.filter(({ statement }) => statement.Sid === 'ListDocumentVersions');
    expect(listing).toHaveLength(2);
    for (const { statement } of listing) expect(statement).toMatchObject({ Action: 's3:ListBucketVersions', Condition: { StringLike: { 's3:prefix': ['jobs/*'] } } });
  });

  it('invoke only their own Claude model: the EU profile and the foundation models it routes to', () => {
    const bedrock = statements.filter(({ statement }) => JSON.stringify(statement.Action).includes('bedrock:'));
    expect(bedrock.map(({ statement }) => statement.Sid).sort()).toEqual(['InvokeChatModel', 'InvokeChatModel', 'InvokeDocumentModel']);
    const chat = bedrock.find(({ statement }) => statement.Sid === 'InvokeChatModel')?.statement;
    const resources = JSON.stringify(chat?.Resource);
    expect(resources).toContain('inference-profile/eu.anthropic.claude-sonnet-4-6');
    expect(resources).toContain('eu-central-1::foundation-model/anthropic.claude-sonnet-4-6');
    expect(resources).not.toContain('haiku');
  });
});
