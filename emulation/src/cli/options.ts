/**
 * `npm run local`'s command line: parsed with node:util parseArgs, checked, and explained by
 * `--help`.
 * @module
 */
import { parseArgs } from 'node:util';
import { DEFAULT_OUTPUTS_FILE } from '../backends/aws.ts';
import { FAULT_PROFILES, isFaultProfileName, type FaultProfileName } from '../local/fault-profiles.ts';

export const DEFAULT_API_PORT = 4000;

export interface CliOptions {
  readonly help: boolean;
  readonly backend: 'embedded' | 'containers' | 'aws';
  /** 0: a free port. */
  readonly port: number;
  readonly fresh: boolean;
  readonly seed: boolean;
  readonly faults: FaultProfileName;
  /** Synthesize even when a fresh cdk.out exists. */
  readonly synth: boolean;
  /** `--backend aws`: the `cdk deploy --outputs-file` file, and which stack in it. */
  readonly outputs: string;
  readonly stack: string | undefined;
}

/** A wrong option: the message is for the person who typed it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function usage(): string {
  const profiles = Object.entries(FAULT_PROFILES)
    .map(([name, profile]) => `      ${name.padEnd(8)} ${profile.description}`)
    .join('\n');
  return `Usage: npm run local [-- <options>]

Runs Serenya on this machine from the synthesized development stage: PostgreSQL 18 (embedded,
data kept in .local/postgres), moto server with every resource of the template, the Bedrock
mock, the Google sign-in stand-in with a sign-in page, every Lambda function from its source
behind the HTTP API as the template declares it, and the web console. Prints every URL when
ready and writes them to .local/endpoints.json. Ctrl-C stops it all.

Options:
  --port <n>              port of the API (default ${DEFAULT_API_PORT}; 0 picks a free one); the others are free ports
  --fresh                 start from an empty database (deletes .local/postgres)
  --seed                  sign in a demo user and upload sample lab reports, processed before the banner
  --faults <profile>      Bedrock mock behaviour (change it later with POST <bedrock>/_mock/config):
${profiles}
  --backend <kind>        embedded (default): no Docker, no cloud account
                          containers: PostgreSQL and LocalStack via testcontainers (needs Docker/Podman;
                                      LOCALSTACK_AUTH_TOKEN is passed on when set)
                          aws: starts nothing; prints the endpoints of a deployed stage from --outputs
  --outputs <file>        with --backend aws: what \`cdk deploy --outputs-file\` wrote (default ${DEFAULT_OUTPUTS_FILE})
  --stack <name>          with --backend aws: the stack in that file, when it holds several with an API
  --synth                 synthesize the stage even when a fresh cdk.out exists
  -h, --help              this text`;
}

/**
 * @example
 * ```ts
 * parseCliOptions(['--port', '0', '--faults', 'flaky']).faults; // 'flaky'
 * ```
 */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        backend: { type: 'string', default: 'embedded' },
        port: { type: 'string', default: String(DEFAULT_API_PORT) },
        fresh: { type: 'boolean', default: false },
        seed: { type: 'boolean', default: false },
        faults: { type: 'string', default: 'none' },
        synth: { type: 'boolean', default: false },
        outputs: { type: 'string', default: DEFAULT_OUTPUTS_FILE },
        stack: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)} (see --help)`);
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) throw new UsageError(`--port must be a port number, not '${values.port}'`);
  const backend = values.backend;
  if (backend !== 'embedded' && backend !== 'containers' && backend !== 'aws') throw new UsageError(`--backend must be embedded, containers or aws, not '${backend}'`);
  if (!isFaultProfileName(values.faults)) throw new UsageError(`--faults must be one of ${Object.keys(FAULT_PROFILES).join(', ')}, not '${values.faults}'`);
  return {
    help: values.help,
    backend,
    port,
    fresh: values.fresh,
    seed: values.seed,
    faults: values.faults,
    synth: values.synth,
    outputs: values.outputs,
    stack: values.stack,
  };
}
