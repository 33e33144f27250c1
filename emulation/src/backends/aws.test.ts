import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeployedEndpoints } from './aws.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serenya-outputs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function outputsFile(content: unknown): Promise<string> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** What `cdk deploy 'Development/*' --outputs-file` writes: the WAF stack has no API. */
const DEPLOYED = {
  DevelopmentEdgeWafA1B2C3: { WebAclArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/serenya/1' },
  DevelopmentSerenya4D5E6F: {
    ApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/',
    WebConsoleUrl: 'https://d111111abcdef8.cloudfront.net',
    AccessTokenJwksUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/.well-known/jwks.json',
    DocumentsBucketName: 'serenya-dev-temp-documents',
  },
};

describe('readDeployedEndpoints', () => {
  it('picks the stack with an API URL and maps its outputs to endpoint keys', async () => {
    const endpoints = await readDeployedEndpoints(await outputsFile(DEPLOYED));
    expect(endpoints).toEqual({
      backend: 'aws',
      stack: 'DevelopmentSerenya4D5E6F',
      api: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
      web: 'https://d111111abcdef8.cloudfront.net',
      jwks: 'https://abc123.execute-api.eu-west-1.amazonaws.com/.well-known/jwks.json',
      outputs: DEPLOYED.DevelopmentSerenya4D5E6F,
    });
  });

  it('takes the stack named with --stack', async () => {
    const file = await outputsFile({ ...DEPLOYED, ProductionSerenya9: { HttpApiEndpoint: 'https://prod.example' } });
    await expect(readDeployedEndpoints(file)).rejects.toThrow('cannot tell which stack to use');
    expect((await readDeployedEndpoints(file, 'Production')).api).toBe('https://prod.example');
  });

  it('says what is wrong with a missing, malformed or API-less outputs file', async () => {
    await expect(readDeployedEndpoints(join(dir, 'absent.json'))).rejects.toThrow('--outputs-file');
    await expect(readDeployedEndpoints(await outputsFile('{not json'))).rejects.toThrow('is not JSON');
    await expect(readDeployedEndpoints(await outputsFile({ OnlyStack: { BucketName: 'b' } }))).rejects.toThrow('has no API URL output (outputs: BucketName)');
  });
});
