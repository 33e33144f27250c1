/**
 * Tiny, valid images for tests: what a photographed lab report looks like to the processor
 * (a JPEG or PNG with no text layer). Generated, so no binary fixture is checked in.
 *
 * @example
 * ```ts
 * await context.submitDocument(makeJpeg(), 'image/jpeg');
 * ```
 * @module
 */
import { crc32, deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';

/**
 * A grey gradient JPEG of `size` × `size` pixels.
 *
 * @example
 * ```ts
 * makeJpeg().subarray(0, 2); // <Buffer ff d8>
 * ```
 */
export function makeJpeg(size = 32): Uint8Array {
  const data = Buffer.alloc(size * size * 4);
  for (let index = 0; index < size * size; index += 1) {
    const shade = (index % size) * Math.floor(255 / size);
    data.writeUInt32BE(((shade << 24) | (shade << 16) | (shade << 8) | 0xff) >>> 0, index * 4);
  }
  return new Uint8Array(jpeg.encode({ data, width: size, height: size }, 80).data);
}

/**
 * A white RGB PNG of `size` × `size` pixels.
 *
 * @example
 * ```ts
 * makePng().subarray(1, 4).toString(); // 'PNG'
 * ```
 */
export function makePng(size = 16): Uint8Array {
  const chunk = (type: string, body: Buffer): Buffer => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([head, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  // Each row: filter byte 0, then white pixels.
  const rows = Buffer.concat(Array.from({ length: size }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, 0xff)])));
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]),
  );
}
