/**
 * A DR runbook: an ordered list of steps, each saying what it does and, unless it is a manual
 * step, doing it. With `dryRun` every step is printed and nothing is called: no AWS client is
 * even built (the clients come from a factory the steps call only when they run).
 *
 * @example
 * ```ts
 * await runRunbook(databaseFailure(target), { dryRun: true, log: console.log, clients });
 * ```
 * @module
 */
import type { BackupClient } from '@aws-sdk/client-backup';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { RDSClient } from '@aws-sdk/client-rds';

/** AWS clients by region, built only when a step runs. */
export interface DrClients {
  rds(region: string): RDSClient;
  backup(region: string): BackupClient;
  lambda(region: string): LambdaClient;
  cloudFormation(region: string): CloudFormationClient;
}

/** What steps share while a runbook runs (ids found by one step, used by the next). */
export type RunbookState = Record<string, string>;

export interface RunbookStep {
  readonly title: string;
  /** Why and how, in a sentence or two; printed in every mode. */
  readonly detail: string;
  /** Absent: a manual step, printed for the operator. */
  readonly run?: (clients: DrClients, state: RunbookState, log: (line: string) => void) => Promise<void>;
}

export interface Runbook {
  readonly name: string;
  readonly summary: string;
  readonly steps: readonly RunbookStep[];
}

export interface RunOptions {
  readonly dryRun: boolean;
  readonly log: (line: string) => void;
  readonly clients: DrClients;
}

export async function runRunbook(runbook: Runbook, options: RunOptions): Promise<RunbookState> {
  const { log } = options;
  log(`${runbook.name}${options.dryRun ? ' (dry run: nothing is called)' : ''}`);
  log(runbook.summary);
  const state: RunbookState = {};
  for (const [index, step] of runbook.steps.entries()) {
    const kind = step.run ? '' : ' [manual]';
    log(`${index + 1}. ${step.title}${kind}`);
    log(`   ${step.detail}`);
    if (options.dryRun || !step.run) continue;
    await step.run(options.clients, state, (line) => log(`   → ${line}`));
  }
  return state;
}

/** How long and how often the RDS waiters poll: restores take tens of minutes, renames a few. */
export const RDS_WAIT = { maxWaitTime: 3 * 60 * 60, minDelay: 30, maxDelay: 60 } as const;

/** Reads a value an earlier step stored, or fails naming the step that should have. */
export function required(state: RunbookState, key: string): string {
  const value = state[key];
  if (value === undefined) throw new Error(`runbook state has no ${key}: an earlier step did not run`);
  return value;
}
