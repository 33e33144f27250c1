import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_MODEL_ID, DEFAULT_DOCUMENT_MODEL_ID } from '../../services/shared/src/config/bedrock-config.ts';
import { cdkJsonContext } from './cdk-json-context.ts';
import { parseStageConfig, readStageConfig, StageNames } from './stage-config.ts';

const minimal = {
  googleClientIds: ['x.apps.googleusercontent.com'],
  database: { instanceClass: 'db.t4g.medium', allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100, multiAz: false },
  functions: { reservedConcurrency: 5, processorReservedConcurrency: 2, provisionedConcurrency: 0 },
  api: { throttleRateLimit: 10, throttleBurstLimit: 20 },
  wafRateLimitPer5Minutes: 500,
  logRetentionDays: 30,
};

describe('stage configuration', () => {
  it('defaults to eu-west-1, an EU backup region and the services’ default Claude models', () => {
    const config = parseStageConfig('development', minimal);
    expect(config).toMatchObject({ stage: 'development', region: 'eu-west-1', backupRegion: 'eu-central-1' });
    expect(config.bedrock).toEqual({ documentModelId: DEFAULT_DOCUMENT_MODEL_ID, chatModelId: DEFAULT_CHAT_MODEL_ID });
    expect(config.database.appLoginUser).toBe('serenya_app_user');
    expect(config.account).toBeUndefined();
  });

  it('names every bad key with its full context path', () => {
    expect(() => parseStageConfig('production', { ...minimal, region: 'Ireland', googleClientIds: [] })).toThrow(
      /serenya:stages\.production\.region: must be a region name[\s\S]*serenya:stages\.production\.googleClientIds/,
    );
  });

  it('reads both stages from cdk.json, with Multi-AZ on in production only', () => {
    const app = new App({ context: cdkJsonContext() });
    const configs = StageNames.map((name) => readStageConfig(app, name));
    expect(configs.map((c) => [c.stage, c.database.multiAz])).toEqual([
      ['development', false],
      ['production', true],
    ]);
    const production = configs[1];
    expect(production?.functions).toMatchObject({ reservedConcurrency: 50, provisionedConcurrency: 10 });
  });

  it('fails with the missing key when a stage is not configured', () => {
    expect(() => readStageConfig(new App(), 'development')).toThrow(/serenya:stages\.development is missing/);
  });
});
