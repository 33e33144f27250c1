/**
 * An RS256 signer whose private key stays in KMS (an RSA_2048 SIGN_VERIFY key; 3072 and 4096
 * are accepted too). RS256 because API Gateway's HTTP API JWT authorizer verifies RSA
 * signatures only, and it checks the same tokens as the services. The JWS signing input goes
 * to KMS `Sign` (RAW message, RSASSA_PKCS1_V1_5_SHA_256); the bytes KMS returns are the JWS
 * signature as they are (RFC 7518 §3.3). The public key comes from `GetPublicKey` once per
 * container.
 * @module
 */
import { createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type GetPublicKeyCommandOutput, type KMSClient } from '@aws-sdk/client-kms';
import { base64url, calculateJwkThumbprint, type JWK } from 'jose';
import { AppError } from '#shared/errors/index.ts';
import type { AccessTokenClaims, AccessTokenSigner } from './access-token-signer.ts';

const encoder = new TextEncoder();

/** The KMS algorithm that produces a JWS RS256 signature: PKCS #1 v1.5 over SHA-256 of the message. */
const SIGNING_ALGORITHM = 'RSASSA_PKCS1_V1_5_SHA_256';
const RSA_KEY_SPECS: readonly string[] = ['RSA_2048', 'RSA_3072', 'RSA_4096'];
const REQUIRED = `an RSA_2048 (or RSA_3072/RSA_4096) SIGN_VERIFY key that can sign ${SIGNING_ALGORITHM}`;

export async function createKmsAccessTokenSigner(kms: KMSClient, keyId: string): Promise<AccessTokenSigner> {
  const key = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  const jwk = rsaPublicJwk(keyId, key);
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk: JWK = { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' };
  const header = base64url.encode(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));

  return {
    kid,
    publicJwk,
    async sign(claims: AccessTokenClaims) {
      const payload = base64url.encode(JSON.stringify(claims));
      const signingInput = `${header}.${payload}`;
      try {
        const { Signature } = await kms.send(
          new SignCommand({ KeyId: keyId, Message: encoder.encode(signingInput), MessageType: 'RAW', SigningAlgorithm: SIGNING_ALGORITHM }),
        );
        if (!Signature) throw new Error('KMS Sign returned no signature');
        return `${signingInput}.${base64url.encode(Signature)}`;
      } catch (error) {
        throw new AppError('SERVICE_UNAVAILABLE', { cause: error });
      }
    },
  };
}

/**
 * The key's public half as a JWK, once the key is known to fit. A misconfigured key must stop
 * the service at start with a message that names the fix, not fail every sign-in later.
 */
function rsaPublicJwk(keyId: string, key: GetPublicKeyCommandOutput): JWK {
  const refuse = (found: string) => new Error(`KMS key ${keyId} must be ${REQUIRED} (${found})`);
  if (key.KeyUsage !== 'SIGN_VERIFY' || !key.PublicKey) throw refuse(`usage is ${key.KeyUsage ?? 'unknown'}`);
  // KeySpec is the current field; some emulators (moto) send only the older CustomerMasterKeySpec.
  const spec = key.KeySpec ?? key.CustomerMasterKeySpec;
  if (spec && !RSA_KEY_SPECS.includes(spec)) throw refuse(`key spec is ${spec}`);
  if (!key.SigningAlgorithms?.includes(SIGNING_ALGORITHM)) throw refuse(`it signs ${key.SigningAlgorithms?.join(', ') || 'nothing'}`);
  // Judge the key by its public key too, not only by what the metadata says.
  const publicKey = createPublicKey({ key: Buffer.from(key.PublicKey), format: 'der', type: 'spki' });
  const bits = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (publicKey.asymmetricKeyType !== 'rsa' || bits < 2048) throw refuse(`public key is ${publicKey.asymmetricKeyType ?? 'unknown'} ${bits || ''}`.trimEnd());
  return publicKey.export({ format: 'jwk' });
}
