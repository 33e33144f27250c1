import { describe, expect, it } from 'vitest';
import { readAccessTokenConfig } from './access-token-config.ts';
import { readDatabaseConfig } from './database-config.ts';
import { readGoogleSignInConfig } from './google-sign-in-config.ts';
import { ConfigError } from './load-config.ts';

describe('configuration', () => {
  it('applies the design defaults to the database pool', () => {
    expect(readDatabaseConfig({ DATABASE_URL: 'postgres://u@h:5432/db' })).toMatchObject({
      poolMax: 20,
      idleTimeoutMs: 30_000,
      connectTimeoutMs: 2_000,
      ssl: 'verify-full',
    });
  });

  it('names every missing or bad variable at once', () => {
    try {
      readDatabaseConfig({ DATABASE_POOL_MAX: 'lots', DATABASE_SSL: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const vars = (error as ConfigError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(['DATABASE_POOL_MAX', 'DATABASE_SSL', 'DATABASE_URL']);
      expect((error as ConfigError).message).toContain('DATABASE_URL: is required but not set');
    }
  });

  it('turns RDS IAM auth on only when asked, and then refuses a password in the URL or plain TCP', () => {
    expect(readDatabaseConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).iamAuth).toBe(false);
    expect(readDatabaseConfig({ DATABASE_URL: 'postgresql://serenya_app@proxy:5432/serenya', DATABASE_IAM_AUTH: 'true' }).iamAuth).toBe(true);
    expect(() => readDatabaseConfig({ DATABASE_URL: 'postgres://u:secret@h/db', DATABASE_IAM_AUTH: 'true' })).toThrow(/DATABASE_URL: must not carry a password/);
    expect(() => readDatabaseConfig({ DATABASE_URL: 'postgres://u@h/db', DATABASE_IAM_AUTH: 'true', DATABASE_SSL: 'disable' })).toThrow(/DATABASE_SSL/);
    expect(() => readDatabaseConfig({ DATABASE_URL: 'postgres://u@h/db', DATABASE_IAM_AUTH: 'yes' })).toThrow(/DATABASE_IAM_AUTH/);
  });

  it('treats an empty variable as unset', () => {
    expect(() => readGoogleSignInConfig({ GOOGLE_CLIENT_IDS: '  ' })).toThrow(/GOOGLE_CLIENT_IDS/);
  });

  it("defaults to Google's issuers and keys, and splits client id lists", () => {
    expect(readGoogleSignInConfig({ GOOGLE_CLIENT_IDS: 'a.apps.googleusercontent.com, b.apps.googleusercontent.com' })).toEqual({
      clientIds: ['a.apps.googleusercontent.com', 'b.apps.googleusercontent.com'],
      issuers: ['https://accounts.google.com', 'accounts.google.com'],
      jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
      jwksTimeoutMs: 5_000,
    });
  });

  it('picks the access-token signer by prefix', () => {
    const base = { ACCESS_TOKEN_ISSUER: 'https://auth.example' };
    expect(readAccessTokenConfig({ ...base, ACCESS_TOKEN_SIGNER: 'kms:alias/serenya-jwt' }).signer).toEqual({ kind: 'kms', keyId: 'alias/serenya-jwt' });
    expect(readAccessTokenConfig({ ...base, ACCESS_TOKEN_SIGNER: 'local' })).toMatchObject({ signer: { kind: 'local' }, accessTokenTtlSeconds: 900, refreshTokenTtlDays: 30, audience: 'serenya-api' });
    expect(() => readAccessTokenConfig({ ...base, ACCESS_TOKEN_SIGNER: 'vault:x' })).toThrow(/ACCESS_TOKEN_SIGNER/);
  });
});
