import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStageConfig } from '../stage-config.ts';
import { REPOSITORY_ROOT } from '../constructs/functions/bundling.ts';
import { databaseFailure } from './database-failure.ts';
import { drTarget } from './dr-target.ts';
import { regionFailure } from './region-failure.ts';
import { runRunbook, type DrClients } from './runbook.ts';

const config = parseStageConfig('production', {
  googleClientIds: ['x.apps.googleusercontent.com'],
  database: { instanceClass: 'db.r6g.large', allocatedStorageGiB: 100, maxAllocatedStorageGiB: 500, multiAz: true },
  functions: { reservedConcurrency: 50, processorReservedConcurrency: 20, provisionedConcurrency: 10 },
  api: { throttleRateLimit: 200, throttleBurstLimit: 400 },
  wafRateLimitPer5Minutes: 2000,
  logRetentionDays: 365,
});
const target = drTarget(config, new Date('2026-11-25T16:30:00Z'));

/** Any use of a client fails the test: a dry run must call nothing. */
const untouchable: DrClients = {
  rds: () => {
    throw new Error('dry run built an RDS client');
  },
  backup: () => {
    throw new Error('dry run built a Backup client');
  },
  lambda: () => {
    throw new Error('dry run built a Lambda client');
  },
  cloudFormation: () => {
    throw new Error('dry run built a CloudFormation client');
  },
};

async function dryRun(runbook: Parameters<typeof runRunbook>[0]): Promise<string> {
  const lines: string[] = [];
  await runRunbook(runbook, { dryRun: true, log: (line) => lines.push(line), clients: untouchable });
  return lines.join('\n');
}

describe('DR runbook', () => {
  it('names the stage’s resources as the stack does', () => {
    expect(target).toMatchObject({
      databaseInstanceIdentifier: 'serenya-production-db',
      proxyName: 'serenya-production-db-proxy',
      costTableName: 'serenya-production-llm-cost-tracking',
      drVaultName: 'serenya-production-dr-vault',
      backupRegion: 'eu-central-1',
      runId: '20261125t1630',
    });
  });

  it('database-failure --dry-run prints every step (restore, swap, proxy, recycle) and calls nothing', async () => {
    const output = await dryRun(databaseFailure(target));
    expect(output).toContain('database-failure: production (eu-west-1) (dry run: nothing is called)');
    expect(output).toMatch(/^2\. Restore to the latest restorable time as serenya-production-db-restored-20261125t1630$/m);
    expect(output).toMatch(/^4\. Set the failed instance aside as serenya-production-db-failed-20261125t1630$/m);
    expect(output).toMatch(/^6\. Point RDS Proxy serenya-production-db-proxy at serenya-production-db$/m);
    expect(output).toMatch(/^8\. Recycle the 7 functions in eu-west-1$/m);
    expect(output).toMatch(/^9\. .*\[manual\]$/m);
  });

  it('database-failure restores to a given time when asked', async () => {
    expect(await dryRun(databaseFailure(target, { restoreTime: '2026-11-25T09:00:00Z' }))).toContain('Restore to 2026-11-25T09:00:00Z as');
  });

  it('region-failure --dry-run restores the copied recovery points in the backup region', async () => {
    const output = await dryRun(regionFailure(target));
    expect(output).toContain('region-failure: production (eu-west-1 → eu-central-1)');
    expect(output).toMatch(/^1\. Deploy the production main stack in eu-central-1 \[manual\]$/m);
    expect(output).toContain('Find the newest copied recovery points in serenya-production-dr-vault');
    expect(output).toContain('Restore the database as serenya-production-db-restored-20261125t1630 and the cost table as serenya-production-llm-cost-tracking-restored-20261125t1630');
    expect(output).toMatch(/Recycle the 7 functions in eu-central-1/);
    expect(output).toMatch(/RPO ≤ 24 h/);
  });

  it('npm run dr -- … --dry-run works from the command line without AWS credentials', () => {
    const output = execFileSync(process.execPath, [join(REPOSITORY_ROOT, 'platform/scripts/dr.ts'), 'database-failure', '--stage', 'development', '--dry-run'], {
      cwd: REPOSITORY_ROOT,
      env: { PATH: process.env.PATH ?? '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
      encoding: 'utf8',
    });
    expect(output).toContain('database-failure: development (eu-west-1) (dry run: nothing is called)');
    expect(output).toContain('serenya-development-db-proxy');
  }, 30_000);

  it('rejects an unknown procedure or stage with the usage', () => {
    expect(() =>
      execFileSync(process.execPath, [join(REPOSITORY_ROOT, 'platform/scripts/dr.ts'), 'meteor-strike', '--stage', 'development', '--dry-run'], { cwd: REPOSITORY_ROOT, encoding: 'utf8', stdio: 'pipe' }),
    ).toThrow(/usage: npm run dr/);
  }, 30_000);
});
