/**
 * The DR runbook: `npm run dr -- <database-failure|region-failure> --stage <stage> [--dry-run]
 * [--restore-time <ISO time>] [--restore-role-arn <arn>]`. `--dry-run` prints every step and
 * calls nothing; without it the steps run against AWS with the caller's credentials.
 * The procedures: platform/src/disaster-recovery/.
 * @module
 */
import { parseArgs } from 'node:util';
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { App } from 'aws-cdk-lib';
import { cdkJsonContext } from '../src/cdk-json-context.ts';
import { databaseFailure } from '../src/disaster-recovery/database-failure.ts';
import { drTarget } from '../src/disaster-recovery/dr-target.ts';
import { regionFailure } from '../src/disaster-recovery/region-failure.ts';
import { runRunbook, type DrClients } from '../src/disaster-recovery/runbook.ts';
import { readStageConfig, StageNames, type StageName } from '../src/stage-config.ts';

const USAGE = 'usage: npm run dr -- <database-failure|region-failure> --stage <development|production> [--dry-run] [--restore-time <ISO>] [--restore-role-arn <arn>]';

function memo<T>(create: (region: string) => T): (region: string) => T {
  const byRegion = new Map<string, T>();
  return (region) => {
    let client = byRegion.get(region);
    if (client === undefined) {
      client = create(region);
      byRegion.set(region, client);
    }
    return client;
  };
}

const awsClients: DrClients = {
  rds: memo((region) => new RDSClient({ region })),
  backup: memo((region) => new BackupClient({ region })),
  lambda: memo((region) => new LambdaClient({ region })),
  cloudFormation: memo((region) => new CloudFormationClient({ region })),
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      stage: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'restore-time': { type: 'string' },
      'restore-role-arn': { type: 'string' },
    },
  });
  const procedure = positionals[0];
  const stage = values.stage;
  if ((procedure !== 'database-failure' && procedure !== 'region-failure') || !StageNames.includes(stage as StageName)) throw new Error(USAGE);
  const config = readStageConfig(new App({ context: cdkJsonContext() }), stage as StageName);
  const target = drTarget(config, new Date());
  const runbook =
    procedure === 'database-failure'
      ? databaseFailure(target, values['restore-time'] ? { restoreTime: values['restore-time'] } : {})
      : regionFailure(target, values['restore-role-arn'] ? { restoreRoleArn: values['restore-role-arn'] } : {});
  // eslint-disable-next-line no-console -- a command-line tool's output
  await runRunbook(runbook, { dryRun: values['dry-run'], log: (line) => console.log(line), clients: awsClients });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
