/**
 * An ES256 signer whose private key stays in KMS (an ECC_NIST_P256 SIGN_VERIFY key): the JWS
 * signing input goes to KMS `Sign` (RAW message, ECDSA_SHA_256) and the DER signature is
 * converted to JOSE form. The public key comes from `GetPublicKey` once per container.
 * @module
 */
import { createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { base64url, calculateJwkThumbprint, type JWK } from 'jose';
import { AppError } from '#shared/errors/index.ts';
import type { AccessTokenClaims, AccessTokenSigner } from './access-token-signer.ts';
import { derToJoseSignature } from './der-signature.ts';

const encoder = new TextEncoder();

export async function createKmsAccessTokenSigner(kms: KMSClient, keyId: string): Promise<AccessTokenSigner> {
  const key = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (key.KeyUsage !== 'SIGN_VERIFY' || !key.PublicKey) {
    throw new Error(`KMS key ${keyId} must be an ECC_NIST_P256 SIGN_VERIFY key (usage is ${key.KeyUsage ?? 'unknown'})`);
  }
  // Judge the key by its public key, not only by KeySpec (which some emulators leave out).
  const publicKey = createPublicKey({ key: Buffer.from(key.PublicKey), format: 'der', type: 'spki' });
  const curve = publicKey.asymmetricKeyDetails?.namedCurve;
  if (publicKey.asymmetricKeyType !== 'ec' || curve !== 'prime256v1' || (key.KeySpec && key.KeySpec !== 'ECC_NIST_P256')) {
    throw new Error(`KMS key ${keyId} must be an ECC_NIST_P256 SIGN_VERIFY key (got ${key.KeySpec ?? publicKey.asymmetricKeyType ?? '?'} ${curve ?? ''})`);
  }
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' };
  const header = base64url.encode(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid }));

  return {
    kid,
    publicJwk,
    async sign(claims: AccessTokenClaims) {
      const payload = base64url.encode(JSON.stringify(claims));
      const signingInput = `${header}.${payload}`;
      try {
        const { Signature } = await kms.send(
          new SignCommand({ KeyId: keyId, Message: encoder.encode(signingInput), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
        );
        if (!Signature) throw new Error('KMS Sign returned no signature');
        return `${signingInput}.${base64url.encode(derToJoseSignature(Signature))}`;
      } catch (error) {
        throw new AppError('SERVICE_UNAVAILABLE', { cause: error });
      }
    },
  };
}
