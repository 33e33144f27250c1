import { Signer } from '@aws-sdk/rds-signer';
import { describe, expect, it, vi } from 'vitest';
import { iamAuthTarget, rdsAuthTokenProvider } from './rds-iam-auth-token.ts';

// Static credentials: the signer is pure SigV4, so nothing here touches the network.
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

describe('iamAuthTarget', () => {
  it('reads host, port, user and database from a password-less URL', () => {
    expect(iamAuthTarget('postgresql://serenya_app@proxy.proxy-abc.eu-west-1.rds.amazonaws.com:5432/serenya')).toEqual({
      hostname: 'proxy.proxy-abc.eu-west-1.rds.amazonaws.com',
      port: 5432,
      username: 'serenya_app',
      database: 'serenya',
    });
  });

  it("defaults to PostgreSQL's port and decodes the user", () => {
    expect(iamAuthTarget('postgres://app%2Buser@db.example/app')).toMatchObject({ port: 5432, username: 'app+user' });
  });

  it('refuses a URL without a user: the token is bound to one', () => {
    expect(() => iamAuthTarget('postgresql://db.example:5432/serenya')).toThrow(/user/);
  });
});

describe('rdsAuthTokenProvider', () => {
  const target = iamAuthTarget('postgresql://serenya_app@proxy.example.eu-west-1.rds.amazonaws.com:5432/serenya');

  it('signs an rds-db connect token for that host, port, user and region, valid 15 minutes', async () => {
    const token = await rdsAuthTokenProvider(target, 'eu-west-1', credentials)();
    expect(token.startsWith('proxy.example.eu-west-1.rds.amazonaws.com:5432/?')).toBe(true);
    const query = new URLSearchParams(token.slice(token.indexOf('?') + 1));
    expect(query.get('Action')).toBe('connect');
    expect(query.get('DBUser')).toBe('serenya_app');
    expect(query.get('X-Amz-Expires')).toBe('900');
    expect(query.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\/\d{8}\/eu-west-1\/rds-db\/aws4_request$/);
    expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives exactly the token @aws-sdk/rds-signer gives for the same time and credentials", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-25T10:00:00Z'));
      for (const creds of [credentials, { ...credentials, sessionToken: 'FwoGZXIvYXdzEXAMPLE//token+with/chars=' }]) {
        const ours = await rdsAuthTokenProvider(target, 'eu-west-1', creds)();
        const reference = await new Signer({ hostname: target.hostname, port: target.port, username: target.username, region: 'eu-west-1', credentials: creds }).getAuthToken();
        expect(ours).toBe(reference);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes the function role credentials from the environment, as Lambda provides them', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENV');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'session');
    try {
      const token = await rdsAuthTokenProvider(target, 'eu-west-1')();
      const query = new URLSearchParams(token.slice(token.indexOf('?') + 1));
      expect(query.get('X-Amz-Credential')).toMatch(/^AKIDFROMENV\//);
      expect(query.get('X-Amz-Security-Token')).toBe('session');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('says which variables are missing when there are no credentials', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    try {
      await expect(rdsAuthTokenProvider(target, 'eu-west-1')()).rejects.toThrow(/AWS_ACCESS_KEY_ID/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('signs afresh on every call (pg asks once per new connection)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-25T10:00:00Z'));
      const password = rdsAuthTokenProvider(target, 'eu-west-1', credentials);
      const first = await password();
      vi.setSystemTime(new Date('2026-11-25T10:10:00Z'));
      const second = await password();
      expect(second).not.toBe(first);
      expect(new URLSearchParams(second.split('?')[1]).get('X-Amz-Date')).toBe('20261125T101000Z');
    } finally {
      vi.useRealTimers();
    }
  });
});
