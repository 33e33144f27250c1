/**
 * An RS256 signer (RSA 2048, like the KMS key) whose key pair is generated at start and
 * lives only in memory: fine for a laptop and tests, never for AWS (every restart would
 * invalidate every token).
 * @module
 */
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { AccessTokenClaims, AccessTokenSigner } from './access-token-signer.ts';

export async function createLocalAccessTokenSigner(): Promise<AccessTokenSigner> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk = { ...jwk, kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    publicJwk,
    sign: (claims: AccessTokenClaims) =>
      new SignJWT({ jti: claims.jti })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .setSubject(claims.sub)
        .setIssuer(claims.iss)
        .setAudience(claims.aud)
        .setIssuedAt(claims.iat)
        .setExpirationTime(claims.exp)
        .sign(privateKey),
  };
}
