import { describe, expect, it } from 'vitest';
import { createPhiCipher, parseKeyArn } from './phi-cipher.ts';

describe('parseKeyArn', () => {
  it('reads partition, region, account and resource from key and alias ARNs', () => {
    expect(parseKeyArn('arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab')).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      account: '123456789012',
      resource: 'key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    expect(parseKeyArn('arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/serenya-database').resource).toBe('alias/serenya-database');
  });

  it.each(['alias/serenya-database', '1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:s3:::bucket', 'arn:aws:kms::123456789012:key/x'])(
    'refuses %s, which names no region or is no KMS key',
    (keyArn) => {
      expect(() => parseKeyArn(keyArn)).toThrow(TypeError);
      expect(() => createPhiCipher({ keyArn, cacheMaxAgeSeconds: 300, cacheMaxMessages: 1000 })).toThrow(TypeError);
    },
  );
});
