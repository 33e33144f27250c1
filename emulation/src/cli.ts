/**
 * `npm run local`: the whole platform on this machine (see local/start-local-platform.ts for
 * the seven steps), or with `--backend aws` the endpoints of a deployed stage. Prints a line per
 * step, a ready banner with every URL, writes `.local/endpoints.json`, and on Ctrl-C or SIGTERM
 * stops every child process and server before exiting.
 * @module
 */
import { readDeployedEndpoints } from './backends/aws.ts';
import { deployedBanner, formatProgress, readyBanner } from './cli/banner.ts';
import { parseCliOptions, usage, UsageError, type CliOptions } from './cli/options.ts';
import { assertPortFree } from './cli/port-check.ts';
import { writeEndpointsFile } from './local/endpoints-file.ts';
import { localPaths } from './local/local-paths.ts';
import { startLocalPlatform, type LocalPlatform } from './local/start-local-platform.ts';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const complain = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      complain(`serenya local: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (options.help) {
    say(usage());
    return 0;
  }
  const paths = localPaths();

  if (options.backend === 'aws') {
    const started = performance.now();
    const deployed = await readDeployedEndpoints(options.outputs, options.stack);
    await writeEndpointsFile(paths.endpointsFile, { ...deployed, readyMs: Math.round(performance.now() - started) });
    say(deployedBanner(deployed, options.outputs, paths.endpointsFile));
    return 0;
  }

  await assertPortFree(options.port);
  say(`serenya local: starting (backend ${options.backend}, API port ${options.port === 0 ? 'any free one' : options.port}${options.fresh ? ', fresh database' : ''})`);

  // Filled as the start goes on; the signal handler stops whatever exists by then.
  const state: { starting?: Promise<LocalPlatform>; platform?: LocalPlatform } = {};
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    // A terminal's Ctrl-C may arrive twice (the shell and a wrapper both forward it).
    if (stopping) return;
    stopping = true;
    say(`\nserenya local: ${signal}, stopping…`);
    // A start in progress cleans up after itself when it fails; wait for it either way.
    const running = state.platform ?? (await state.starting?.catch(() => undefined));
    await running?.stop();
    say(`serenya local: stopped; every port is free again (data kept in ${paths.postgres})`);
    process.exit(0);
  };
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    // Stuck in cleanup: the third signal exits at once (the orphan guards still stop PostgreSQL and moto).
    if (signals >= 3) process.exit(130);
    void stop(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  state.starting = startLocalPlatform({
    backend: options.backend,
    apiPort: options.port,
    fresh: options.fresh,
    seed: options.seed,
    faults: options.faults,
    forceSynth: options.synth,
    paths,
    onProgress: (event) => {
      const line = formatProgress(event);
      if (line !== undefined) say(line);
    },
    log: (line) => {
      if (process.env.SERENYA_DEBUG) complain(`  ${line}`);
    },
    printAlarm: say,
  });
  const platform = await state.starting;
  state.platform = platform;
  if (stopping) return -1;
  say(
    readyBanner(platform.endpoints, paths.endpointsFile, {
      faults: options.faults,
      awsLabel: platform.backend.awsLabel,
      ...(platform.seeded === undefined ? {} : { seeded: `${platform.seeded.session.email} (${platform.seeded.jobs.length} processed reports)` }),
    }),
  );
  // Keeps running until a signal: the servers hold the event loop open.
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    complain(`serenya local: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
