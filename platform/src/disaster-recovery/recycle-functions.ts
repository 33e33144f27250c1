/**
 * A runbook step that recycles every function of a stage after the data under them changed:
 * updating a function's configuration (here a `DR_RESTORED_AT` variable) retires its warm
 * containers, so no container keeps a pooled connection to the old database or an in-memory
 * cache (timeline, subscription status) filled from it.
 *
 * @example
 * ```ts
 * steps.push(recycleFunctionsStep(target, target.region));
 * ```
 * @module
 */
import { GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { FUNCTION_ENTRIES } from '../constructs/functions/function-entries.ts';
import type { DrTarget } from './dr-target.ts';
import type { RunbookStep } from './runbook.ts';

/** Every function the stack deploys: the same list the CDK app builds them from, so none is missed. */
const SERVICE_FUNCTION_NAMES = Object.keys(FUNCTION_ENTRIES);

export function recycleFunctionsStep(target: DrTarget, region: string): RunbookStep {
  const names = SERVICE_FUNCTION_NAMES.map((name) => `serenya-${target.stage}-${name}`);
  return {
    title: `Recycle the ${names.length} functions in ${region}`,
    detail: `Sets DR_RESTORED_AT=${target.runId} on ${names.join(', ')}: new containers, new connections, empty caches.`,
    run: async (clients, _state, log) => {
      const lambda = clients.lambda(region);
      for (const FunctionName of names) {
        const current = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
        const Variables = { ...(current.Environment?.Variables ?? {}), DR_RESTORED_AT: target.runId };
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, Environment: { Variables } }));
        await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 300 }, { FunctionName });
        log(`${FunctionName} recycled`);
      }
    },
  };
}
