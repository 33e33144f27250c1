/**
 * KMS returns ECDSA signatures DER-encoded (SEQUENCE { INTEGER r, INTEGER s }); JWS wants the
 * raw 64-byte r‖s (RFC 7518 §3.4). Written by hand because it is 20 lines of ASN.1 and jose
 * does not export its converter.
 * @module
 */
export function derToJoseSignature(der: Uint8Array, size = 32): Uint8Array {
  let offset = 0;
  const expect = (byte: number, what: string) => {
    if (der[offset] !== byte) throw new Error(`malformed DER signature: expected ${what}`);
    offset += 1;
  };
  const readLength = (): number => {
    const first = der[offset++] ?? 0;
    if (first < 0x80) return first;
    const bytes = first & 0x7f;
    let length = 0;
    for (let i = 0; i < bytes; i++) length = (length << 8) | (der[offset++] ?? 0);
    return length;
  };
  const readInteger = (): Uint8Array => {
    expect(0x02, 'INTEGER');
    const length = readLength();
    let value = der.subarray(offset, offset + length);
    offset += length;
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    if (value.length > size) throw new Error('malformed DER signature: integer too long');
    const padded = new Uint8Array(size);
    padded.set(value, size - value.length);
    return padded;
  };
  expect(0x30, 'SEQUENCE');
  const total = readLength();
  if (total !== der.length - offset) throw new Error('malformed DER signature: wrong length');
  const r = readInteger();
  const s = readInteger();
  const out = new Uint8Array(size * 2);
  out.set(r, 0);
  out.set(s, size);
  return out;
}
