import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derToJoseSignature } from './der-signature.ts';

describe('derToJoseSignature', () => {
  it('gives the r‖s form that verifies as ieee-p1363, for many signatures (short r/s included)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 200; i++) {
      const message = Buffer.from(`message ${i}`);
      const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
      const jose = derToJoseSignature(der);
      expect(jose).toHaveLength(64);
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, jose)).toBe(true);
      expect(Buffer.from(jose).equals(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }))).toBe(false);
    }
  });

  it('rejects what is not a DER ECDSA signature', () => {
    expect(() => derToJoseSignature(new Uint8Array([0x31, 0x00]))).toThrow(/SEQUENCE/);
    expect(() => derToJoseSignature(new Uint8Array([0x30, 0x05, 0x02, 0x01, 0x01]))).toThrow(/length/);
  });
});
