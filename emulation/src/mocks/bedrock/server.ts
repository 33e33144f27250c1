/**
 * The Bedrock Runtime mock: an HTTP server that the unmodified AWS SDK for JavaScript v3
 * (h2c) and boto3 (HTTP/1.1) accept as Amazon Bedrock Runtime when given its `endpoint`. It
 * serves InvokeModel, InvokeModelWithResponseStream, Converse and ConverseStream for Claude
 * model ids, answers deterministically through the lab interpreter, and can be slowed down
 * and made to fail on purpose.
 * @see ./README.md
 * @see /work/shared/docs/BEDROCK.md §2
 * @module
 */
import { LOOPBACK_HOST } from '../../backends/embedded/free-port.ts';
import {
  behaviourFromEnvironment,
  DEFAULT_BEHAVIOUR,
  mergeBehaviour,
  type MockBehaviour,
  type MockBehaviourPatch,
} from './behaviour.ts';
import { CONTROL_PREFIX, handleControlRequest, type MockControl } from './control-routes.ts';
import { FaultInjector, randomSeed } from './fault-injection.ts';
import { newRequestId } from './ids.ts';
import { createImageTextReader } from './image-text.ts';
import { handleModelRequest, matchModelRoute } from './model-route.ts';
import { defaultModelIds, ModelCatalogue } from './models.ts';
import { sendJson } from './response-writer.ts';
import { StatsRecorder, type BedrockMockStats } from './stats.ts';
import { listenDualProtocol, type AnyRequest, type AnyResponse } from './transport/dual-protocol-listener.ts';

export interface BedrockMockOptions {
  /** Port on 127.0.0.1; default 0 (a free one, chosen by the OS when binding: no race). */
  port?: number;
  /** Behaviour at start, over the `BEDROCK_MOCK_*` environment defaults. */
  config?: MockBehaviourPatch;
  /** Accepted model ids (base ids, profile ids, ARNs); default {@link defaultModelIds}. */
  models?: string[];
  /** Where the `BEDROCK_MOCK_*` defaults are read; default `process.env`. */
  environment?: NodeJS.ProcessEnv;
}

export interface BedrockMock {
  /** `http://127.0.0.1:<port>`: give it to the SDK as `endpoint` / boto3 as `endpoint_url`. */
  readonly endpoint: string;
  readonly port: number;
  /** Merges `patch` into the behaviour (a `seed` restarts the PRNG); returns the result. */
  configure(patch: MockBehaviourPatch): MockBehaviour;
  /** The current behaviour, `seed` being the one in use. */
  behaviour(): MockBehaviour;
  /** Back to the behaviour of the start, stats cleared, PRNG restarted from the start's seed. */
  reset(): void;
  stats(): BedrockMockStats;
  /** Closes the port and every open connection, and ends the OCR worker thread. Idempotent. */
  stop(): Promise<void>;
  /** Whether the OCR worker (started by the first image worth reading) is alive. */
  ocrWorkerRunning(): boolean;
}

/**
 * Starts the mock on 127.0.0.1.
 *
 * @example
 * ```ts
 * const mock = await startBedrockMock({ config: { latency: { firstTokenMs: 200, tokensPerSecond: 80 } } });
 * const client = new BedrockRuntimeClient({ endpoint: mock.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
 * mock.configure({ errors: { rate: 1, types: ['ThrottlingException'] } });
 * await mock.stop();
 * ```
 */
export async function startBedrockMock(options: BedrockMockOptions = {}): Promise<BedrockMock> {
  const initial = mergeBehaviour(mergeBehaviour(DEFAULT_BEHAVIOUR, behaviourFromEnvironment(options.environment)), options.config ?? {});
  const initialSeed = initial.seed ?? randomSeed();
  let behaviour = initial;
  let stats = new StatsRecorder();
  const injector = new FaultInjector(initialSeed);
  const catalogue = new ModelCatalogue(options.models ?? defaultModelIds());

  const control: MockControl = {
    behaviour: () => ({ ...behaviour, seed: injector.seed }),
    configure: (patch) => {
      behaviour = mergeBehaviour(behaviour, patch);
      if (patch.seed !== undefined) injector.reseed(patch.seed);
      return control.behaviour();
    },
    stats: () => stats.snapshot(),
    reset: () => {
      behaviour = initial;
      stats = new StatsRecorder();
      injector.reseed(initialSeed);
    },
    models: () => catalogue.ids,
  };
  // One OCR worker per mock, started by the first image and ended by stop().
  const images = createImageTextReader();
  const routeState = { behaviour: () => behaviour, catalogue, injector, readImage: images.read, get stats() { return stats; } };

  const handler = (req: AnyRequest, res: AnyResponse): void => {
    const pathname = new URL(req.url ?? '/', 'http://mock').pathname;
    // The model segment must stay percent-encoded until it is matched: an ARN holds `%2F`.
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const route = req.method === 'POST' ? matchModelRoute(rawPath) : undefined;
    const served = route !== undefined
      ? handleModelRequest(req, res, route, routeState)
      : pathname.startsWith(CONTROL_PREFIX)
        ? handleControlRequest(req, res, pathname, control)
        : Promise.resolve(unknownOperation(res));
    served.catch(() => {
      if (!res.headersSent) sendJson(res, 500, {}, { message: 'Bedrock mock failure' });
      else res.destroy();
    });
  };

  const listener = await listenDualProtocol({ host: LOOPBACK_HOST, port: options.port ?? 0 }, handler);
  return {
    endpoint: `http://${LOOPBACK_HOST}:${String(listener.port)}`,
    port: listener.port,
    configure: control.configure,
    behaviour: control.behaviour,
    reset: control.reset,
    stats: control.stats,
    stop: async () => {
      await listener.close();
      await images.close();
    },
    ocrWorkerRunning: images.workerRunning,
  };
}

/** What AWS front ends answer for a path no operation is bound to. */
function unknownOperation(res: AnyResponse): void {
  sendJson(
    res,
    404,
    { 'x-amzn-requestid': newRequestId(), 'x-amzn-errortype': 'UnknownOperationException' },
    { message: 'The requested operation is not recognized by the service.' },
  );
}
