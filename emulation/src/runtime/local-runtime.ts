/**
 * The local runtime's one entry point: from a synthesized template and what the provisioner
 * made, runs every function from source, serves every HTTP API, polls the SQS event source
 * mappings and fires the scheduled rules. `stop()` ends all of it: workers terminated, servers
 * closed, pollers and timers stopped, no port left held.
 * @module
 */
import { EventEmitter } from 'node:events';
import { SQSClient } from '@aws-sdk/client-sqs';
import { withoutInactiveResources } from '../template/active-resources.ts';
import { createIntrinsicResolver, type IntrinsicResolver, type ResourceOverride } from '../template/intrinsic-resolver.ts';
import { eventSourceMappings, eventsRules, functionUrls, httpApis, httpAuthorizers, httpIntegrations, httpRoutes, httpStages, lambdaFunctions } from '../template/template-resources.ts';
import type { CfnTemplate, ProvisionedResource, ProvisionedResources } from '../template/template-types.ts';
import { startSqsMappings, sqsMappingsFromTemplate, type RunningSqsMappings, type SqsMappingDefinition } from './event-sources/sqs-event-source-mappings.ts';
import { scheduledRulesFromTemplate, startSchedules, type RunningSchedules, type ScheduledRuleDefinition } from './event-sources/scheduled-rules.ts';
import { functionDefinitionsFromTemplate, localFunctionName, type SkippedFunction } from './functions/function-definition.ts';
import { createLogPrinter, type FunctionLogLine, type LogFormat } from './functions/function-log.ts';
import { createLocalFunction, type InvocationRecord, type InvocationResult, type InvokeOptions, type LocalFunction } from './functions/local-function.ts';
import { functionUrlDefinitionsFromTemplate } from './http-api/function-url-definition.ts';
import { httpApiDefinitionsFromTemplate, localApiId } from './http-api/http-api-definition.ts';
import { startHttpApiServer, type HttpApiRequestRecord, type HttpApiServer } from './http-api/http-api-server.ts';
import type { SqsEventSourceStage } from './sqs-event-source.ts';

/** What the runtime reports, for the metrics and alarms engineer and the CLI. */
export interface LocalRuntimeEvents {
  /** Every line a function wrote, and the runtime's START/END/REPORT lines (EMF lines have `json._aws`). */
  log: [line: FunctionLogLine];
  /** One per invocation, throttles included (AWS/Lambda metrics). */
  invocation: [record: InvocationRecord];
  /** One per HTTP request (AWS/ApiGatewayV2 metrics). */
  request: [record: HttpApiRequestRecord];
  /** The stage's access-log line for each request. */
  'access-log': [line: string, record: HttpApiRequestRecord];
  /** SQS calls that failed and invocations that failed their batch. */
  'event-source-error': [mapping: SqsMappingDefinition, error: unknown, during: SqsEventSourceStage];
}

export interface LocalRuntimeOptions {
  readonly template: CfnTemplate;
  /** What the provisioner made, by logical id (queues, buckets, tables, keys…). */
  readonly provisioned?: ProvisionedResources;
  /** Replaces `Ref`/`Fn::GetAtt` values of resources by logical id (e.g. the database's endpoint). */
  readonly resourceOverrides?: Readonly<Record<string, ResourceOverride>>;
  /** Added to (and replacing) every function's environment: endpoints, credentials, DATABASE_URL… */
  readonly environmentOverrides?: Readonly<Record<string, string>>;
  /**
   * Where JWT authorizers fetch keys, instead of `<issuer>/.well-known/openid-configuration`.
   * A function is asked at an authorizer's first request, with the local API's URL, so keys can
   * come from the API itself: `(issuer, { apiUrl }) => \`${apiUrl}/.well-known/jwks.json\``.
   */
  readonly jwksUrlOverride?: string | ((issuer: string, local: { readonly apiUrl: string }) => string | undefined);
  /** Port of the (first) HTTP API; 0 or undefined: random. Further APIs get random ports. */
  readonly port?: number;
  readonly host?: string;
  /** Caps API Gateway's 30 s integration timeout (tests use a few seconds). */
  readonly integrationTimeoutMs?: number;
  readonly aws: {
    readonly region: string;
    readonly accountId?: string;
    /** For the SQS pollers (moto's URL locally). */
    readonly endpoint?: string;
    readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
  /** `serenya:entry` paths are relative to this (default: the working directory). */
  readonly repositoryRoot?: string;
  readonly stackName?: string;
  /**
   * Function logs and access logs: `auto` (default) is pretty in a terminal and JSON lines when
   * piped; `silent` prints nothing (the `log` event still fires).
   */
  readonly log?: { readonly format?: LogFormat | 'auto' | 'silent'; readonly write?: (text: string) => void };
  /** Listeners attached before anything runs, so no early event is missed. */
  readonly on?: { readonly [Name in keyof LocalRuntimeEvents]?: (...args: LocalRuntimeEvents[Name]) => void };
  readonly eventSources?: { readonly enabled?: boolean; readonly waitTimeSeconds?: number; readonly failureVisibilityTimeoutSeconds?: number };
  readonly schedules?: { readonly enabled?: boolean };
  /**
   * Initialise environments before serving (like provisioned concurrency): `true` one per
   * function, a number that many (capped by reserved concurrency). Slower to start, no cold
   * start on the first requests; init errors are logged, not thrown. Default: none.
   */
  readonly prewarm?: boolean | number;
}

export interface LocalHttpApi {
  readonly logicalId: string;
  readonly apiId: string;
  readonly url: string;
  /** `GET /jobs/{jobId}`…, for banners and checks. */
  readonly routeKeys: readonly string[];
}

/** A function URL served locally (`AuthType` not enforced). */
export interface LocalFunctionUrl {
  readonly logicalId: string;
  readonly functionLogicalId: string;
  readonly invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  /** With a trailing slash, as `FunctionUrl` is in AWS. */
  readonly url: string;
}

export interface LocalRuntime {
  /** The first HTTP API's URL; undefined when the template has none. */
  readonly apiUrl: string | undefined;
  readonly apis: readonly LocalHttpApi[];
  readonly functionUrls: readonly LocalFunctionUrl[];
  /** By logical id. */
  readonly functions: ReadonlyMap<string, LocalFunction>;
  /** Lambda functions without `serenya:entry`/`serenya:handler`, not run. */
  readonly skippedFunctions: readonly SkippedFunction[];
  readonly sqsMappings: readonly SqsMappingDefinition[];
  readonly scheduledRules: readonly ScheduledRuleDefinition[];
  readonly events: EventEmitter<LocalRuntimeEvents>;
  /** Executions running now across every function (the account-wide ConcurrentExecutions). */
  concurrentExecutions(): number;
  /** Invokes a function by logical id, function name or ARN, synchronously (RequestResponse). */
  invoke(functionNameOrLogicalId: string, event: unknown, options?: InvokeOptions): Promise<InvocationResult>;
  /** Fires a scheduled rule now (by logical id or rule name). */
  triggerSchedule(ruleLogicalIdOrName: string): Promise<InvocationResult[]>;
  stop(): Promise<void>;
}

const DEFAULT_ACCOUNT_ID = '123456789012';

/** What every worker gets from this process under the function's own variables. */
function baseEnvironment(): Record<string, string> {
  const names = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'NODE_EXTRA_CA_CERTS'];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])));
}

/**
 * The resources the runtime plays itself (functions, the HTTP API's parts, rules, mappings),
 * so `Ref`/`Fn::GetAtt` to them resolve; what the provisioner made wins.
 */
function runtimeStandIns(template: CfnTemplate, region: string, accountId: string, apiUrls: ReadonlyMap<string, string>): Map<string, ProvisionedResource> {
  const standIns = new Map<string, ProvisionedResource>();
  const add = (logicalId: string, type: string, ref: string, attributes: Record<string, string> = {}) => standIns.set(logicalId, { logicalId, type, ref, attributes });
  for (const { logicalId, properties } of lambdaFunctions(template)) {
    const name = localFunctionName(logicalId, properties.FunctionName);
    add(logicalId, 'AWS::Lambda::Function', name, { Arn: `arn:aws:lambda:${region}:${accountId}:function:${name}` });
  }
  for (const { logicalId } of httpApis(template)) {
    const apiId = localApiId(logicalId);
    add(logicalId, 'AWS::ApiGatewayV2::Api', apiId, { ApiId: apiId, ApiEndpoint: apiUrls.get(logicalId) ?? `https://${apiId}.execute-api.${region}.amazonaws.com` });
  }
  for (const { logicalId } of functionUrls(template)) {
    const url = apiUrls.get(logicalId);
    add(logicalId, 'AWS::Lambda::Url', url === undefined ? '' : `${url}/`, { FunctionUrl: url === undefined ? `https://${localApiId(logicalId)}.lambda-url.${region}.on.aws/` : `${url}/` });
  }
  for (const { logicalId, properties } of httpStages(template)) add(logicalId, 'AWS::ApiGatewayV2::Stage', properties.StageName);
  for (const resource of [...httpRoutes(template), ...httpIntegrations(template), ...httpAuthorizers(template)]) add(resource.logicalId, resource.type, localApiId(resource.logicalId).slice(0, 7));
  for (const { logicalId, properties } of eventsRules(template)) {
    const name = typeof properties.Name === 'string' ? properties.Name : logicalId;
    add(logicalId, 'AWS::Events::Rule', name, { Arn: `arn:aws:events:${region}:${accountId}:rule/${name}` });
  }
  for (const { logicalId } of eventSourceMappings(template)) add(logicalId, 'AWS::Lambda::EventSourceMapping', localApiId(logicalId));
  return standIns;
}

/** Types the runtime serves itself: only it knows their local endpoints. */
const SERVED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  'AWS::ApiGatewayV2::Api': ['ApiEndpoint'],
  'AWS::Lambda::Url': ['FunctionUrl'],
};

/**
 * What the provisioner made (or its placeholder) wins, so ids stay the ones alarms and names
 * use; but the local endpoint of what the runtime serves (an API's `ApiEndpoint`, a function
 * URL) comes from the runtime, since only it knows the port.
 */
function mergeStandIns(standIns: ReadonlyMap<string, ProvisionedResource>, provisioned: ProvisionedResources): Map<string, ProvisionedResource> {
  const merged = new Map(standIns);
  for (const [logicalId, resource] of provisioned) {
    const standIn = standIns.get(logicalId);
    const served = SERVED_ATTRIBUTES[resource.type] ?? [];
    const local = Object.fromEntries(served.flatMap((name) => (standIn?.attributes[name] === undefined ? [] : [[name, standIn.attributes[name]]])));
    merged.set(logicalId, served.length === 0 ? resource : { ...resource, attributes: { ...resource.attributes, ...local } });
  }
  return merged;
}

/**
 * Starts the runtime.
 *
 * @example
 * ```ts
 * const runtime = await startLocalRuntime({
 *   template, provisioned,
 *   environmentOverrides: { ...awsEnvironment(aws), DATABASE_URL },
 *   jwksUrlOverride: (issuer) => `${apiUrl}/.well-known/jwks.json`,
 *   aws: { endpoint: aws.endpoint, region: aws.region, credentials: aws },
 * });
 * console.log(runtime.apiUrl);
 * await runtime.stop();
 * ```
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const region = options.aws.region;
  const accountId = options.aws.accountId ?? DEFAULT_ACCOUNT_ID;
  const template = withoutInactiveResources(options.template, { region, accountId, ...(options.stackName === undefined ? {} : { stackName: options.stackName }) });
  const events = new EventEmitter<LocalRuntimeEvents>();
  for (const [name, listener] of Object.entries(options.on ?? {})) events.on(name as keyof LocalRuntimeEvents, listener);

  const format = options.log?.format ?? 'auto';
  const write = options.log?.write ?? ((text: string) => process.stdout.write(`${text}\n`));
  if (format !== 'silent') {
    const print = createLogPrinter(format === 'auto' ? (process.stdout.isTTY ? 'pretty' : 'json') : format, write);
    events.on('log', print);
    events.on('access-log', (line) => write(line));
    events.on('event-source-error', (mapping, error, during) => {
      const message = error instanceof Error ? error.message : String(error);
      write(JSON.stringify({ time: new Date().toISOString(), eventSourceMapping: mapping.logicalId, level: 'ERROR', during, message }));
    });
  }

  const functions = new Map<string, LocalFunction>();
  const servers: HttpApiServer[] = [];
  let sqsMappings: RunningSqsMappings | undefined;
  let schedules: RunningSchedules | undefined;
  let sqs: SQSClient | undefined;

  const resolverWith = (apiUrls: ReadonlyMap<string, string>): IntrinsicResolver =>
    createIntrinsicResolver({
      template,
      provisioned: mergeStandIns(runtimeStandIns(template, region, accountId, apiUrls), options.provisioned ?? new Map<string, ProvisionedResource>()),
      pseudo: { region, accountId, ...(options.stackName === undefined ? {} : { stackName: options.stackName }) },
      ...(options.resourceOverrides === undefined ? {} : { overrides: options.resourceOverrides }),
    });

  async function stop(): Promise<void> {
    // Pollers and timers first stop starting work; they wait for the invocations in flight,
    // which end at once when the workers are terminated, instead of after up to a timeout.
    const sourcesStopped = Promise.allSettled([sqsMappings?.stop(), schedules?.stop()]);
    await Promise.allSettled([...servers.map((server) => server.close()), ...[...functions.values()].map((fn) => fn.stop())]);
    await sourcesStopped;
    sqs?.destroy();
  }

  try {
    // Servers first: environments and authorizers may name an API's own URL (ApiEndpoint,
    // e.g. the JWT issuer), known once it listens; then the template is resolved again with it.
    const apis: LocalHttpApi[] = [];
    const { jwksUrlOverride } = options;
    const apiDefinitionOptions = {
      ...(jwksUrlOverride === undefined
        ? {}
        : { jwksUrlOverride: typeof jwksUrlOverride === 'string' ? jwksUrlOverride : (issuer: string) => jwksUrlOverride(issuer, { apiUrl: apis[0]?.url ?? '' }) }),
      apiIds: new Map([...(options.provisioned?.values() ?? [])].filter((resource) => resource.type === 'AWS::ApiGatewayV2::Api').map((resource) => [resource.logicalId, resource.ref])),
    };
    const provisional = httpApiDefinitionsFromTemplate(template, resolverWith(new Map()), apiDefinitionOptions);
    for (const [index, api] of provisional.entries()) {
      const server = await startHttpApiServer({
        api,
        functions,
        accountId,
        region,
        port: index === 0 ? (options.port ?? 0) : 0,
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.integrationTimeoutMs === undefined ? {} : { integrationTimeoutMs: options.integrationTimeoutMs }),
        onRequest: (record) => events.emit('request', record),
        onAccessLog: (line, record) => events.emit('access-log', line, record),
      });
      servers.push(server);
      apis.push({ logicalId: api.logicalId, apiId: api.apiId, url: server.url, routeKeys: api.routes.map((route) => route.key.routeKey) });
    }
    const urls: LocalFunctionUrl[] = [];
    for (const functionUrl of functionUrlDefinitionsFromTemplate(template)) {
      // No request records or access logs: a function URL is not API Gateway.
      const server = await startHttpApiServer({ api: functionUrl.api, functions, accountId, region, ...(options.host === undefined ? {} : { host: options.host }) });
      servers.push(server);
      urls.push({ logicalId: functionUrl.logicalId, functionLogicalId: functionUrl.functionLogicalId, invokeMode: functionUrl.invokeMode, url: `${server.url}/` });
    }
    const resolver = resolverWith(new Map([...apis.map((api) => [api.logicalId, api.url] as const), ...urls.map((url) => [url.logicalId, url.url.slice(0, -1)] as const)]));
    for (const [index, api] of httpApiDefinitionsFromTemplate(template, resolver, apiDefinitionOptions).entries()) servers[index]?.reconfigure(api);

    const { functions: definitions, skipped } = functionDefinitionsFromTemplate(template, {
      resolver,
      repositoryRoot: options.repositoryRoot ?? process.cwd(),
      region,
      accountId,
      ...(options.environmentOverrides === undefined ? {} : { environmentOverrides: options.environmentOverrides }),
    });
    const base = baseEnvironment();
    for (const definition of definitions) {
      functions.set(
        definition.logicalId,
        createLocalFunction({
          definition,
          region,
          accountId,
          baseEnvironment: base,
          onLogLine: (line) => events.emit('log', line),
          onInvocation: (record) => events.emit('invocation', record),
        }),
      );
    }

    const prewarm = options.prewarm === true ? 1 : options.prewarm === false ? 0 : (options.prewarm ?? 0);
    if (prewarm > 0) await Promise.all([...functions.values()].map((fn) => fn.prewarm(prewarm)));

    const provisioned: ProvisionedResources = options.provisioned ?? new Map();
    const mappings = sqsMappingsFromTemplate(template, resolver, provisioned, functions);
    if ((options.eventSources?.enabled ?? true) && mappings.length > 0) {
      sqs = new SQSClient({
        region,
        ...(options.aws.endpoint === undefined ? {} : { endpoint: options.aws.endpoint }),
        ...(options.aws.credentials === undefined ? {} : { credentials: options.aws.credentials }),
      });
      sqsMappings = await startSqsMappings(mappings, {
        sqs,
        functions,
        region,
        ...(options.eventSources?.waitTimeSeconds === undefined ? {} : { waitTimeSeconds: options.eventSources.waitTimeSeconds }),
        ...(options.eventSources?.failureVisibilityTimeoutSeconds === undefined ? {} : { failureVisibilityTimeoutSeconds: options.eventSources.failureVisibilityTimeoutSeconds }),
        onError: (mapping, error, during) => events.emit('event-source-error', mapping, error, during),
      });
    }

    const rules = scheduledRulesFromTemplate(template, resolver, functions, { region, accountId });
    const runningSchedules = startSchedules(options.schedules?.enabled === false ? rules.map((rule) => ({ ...rule, enabled: false })) : rules, { functions, region, accountId });
    schedules = runningSchedules;

    const find = (name: string): LocalFunction | undefined =>
      functions.get(name) ?? [...functions.values()].find((fn) => fn.definition.functionName === name || fn.definition.arn === name);

    return {
      apiUrl: apis[0]?.url,
      apis,
      functionUrls: urls,
      functions,
      skippedFunctions: skipped,
      sqsMappings: mappings,
      scheduledRules: rules,
      events,
      concurrentExecutions: () => [...functions.values()].reduce((sum, fn) => sum + fn.concurrentExecutions(), 0),
      invoke(name, event, invokeOptions) {
        const fn = find(name);
        if (fn === undefined) return Promise.reject(new Error(`no local function ${name} (have ${[...functions.keys()].join(', ') || 'none'})`));
        return fn.invoke(event, invokeOptions);
      },
      triggerSchedule: (rule) => runningSchedules.trigger(rule),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
