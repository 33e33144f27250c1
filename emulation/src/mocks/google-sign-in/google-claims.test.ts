import { describe, expect, it } from 'vitest';
import { buildGoogleIdTokenClaims, displayNameFromEmail, googleSubjectForEmail } from './google-claims.ts';

describe('googleSubjectForEmail', () => {
  it('is a 21-digit number starting with 1, like Google subjects', () => {
    expect(googleSubjectForEmail('jane@example.com')).toMatch(/^1\d{20}$/);
  });

  it('is stable per person and ignores case and surrounding space', () => {
    expect(googleSubjectForEmail(' Jane@Example.com ')).toBe(googleSubjectForEmail('jane@example.com'));
    expect(googleSubjectForEmail('john@example.com')).not.toBe(googleSubjectForEmail('jane@example.com'));
  });
});

describe('displayNameFromEmail', () => {
  it.each([
    ['jane.doe+labs@example.com', 'Jane Doe'],
    ['mary_ann-smith@example.com', 'Mary Ann Smith'],
    ['x@example.com', 'X'],
  ])('%s gives %s', (email, name) => {
    expect(displayNameFromEmail(email)).toBe(name);
  });
});

describe('buildGoogleIdTokenClaims', () => {
  const context = { issuer: 'http://127.0.0.1:4000', clientId: 'web-client', nowSeconds: 1_800_000_000 };

  it("fills Google's claim set from the e-mail alone", () => {
    const claims = buildGoogleIdTokenClaims({ email: 'jane.doe@example.com' }, context);

    expect(claims).toEqual({
      iss: 'http://127.0.0.1:4000',
      azp: 'web-client',
      aud: 'web-client',
      sub: googleSubjectForEmail('jane.doe@example.com'),
      email: 'jane.doe@example.com',
      email_verified: true,
      name: 'Jane Doe',
      given_name: 'Jane',
      family_name: 'Doe',
      iat: 1_800_000_000,
      nbf: 1_800_000_000,
      exp: 1_800_003_600,
      jti: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
    });
  });

  it('applies every override', () => {
    const claims = buildGoogleIdTokenClaims(
      {
        email: 'jane@example.com',
        name: 'Cher',
        sub: 'custom-sub',
        emailVerified: false,
        audience: 'other-app',
        issuer: 'https://accounts.google.com',
        expiresInSeconds: -60,
        issuedAtOffsetSeconds: -120,
      },
      context,
    );

    expect(claims).toMatchObject({
      iss: 'https://accounts.google.com',
      aud: 'other-app',
      azp: 'other-app',
      sub: 'custom-sub',
      email_verified: false,
      name: 'Cher',
      given_name: 'Cher',
      iat: 1_800_000_000 - 120,
      exp: 1_800_000_000 - 180,
    });
    expect(claims).not.toHaveProperty('family_name');
  });
});
