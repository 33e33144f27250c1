/**
 * Signs Serenya access tokens (RS256 JWTs: API Gateway's HTTP API JWT authorizer accepts RSA
 * signatures only) and publishes the matching public key. Two key homes behind one
 * interface: KMS (production: the private key never leaves KMS) and a key generated in memory
 * at start (local runs and tests).
 * @module
 */
import type { JWK } from 'jose';

export interface AccessTokenClaims {
  sub: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
}

export interface AccessTokenSigner {
  /** Key id, the RFC 7638 thumbprint of the public key: stable for a key, new for a new key. */
  readonly kid: string;
  /** The public key as a JWK with `kid`, `alg: RS256` and `use: sig`. */
  readonly publicJwk: JWK;
  sign(claims: AccessTokenClaims): Promise<string>;
}
