/**
 * An image's pixel size read from its header (PNG, JPEG, GIF, WebP: the formats Claude takes),
 * without decoding it: the mock charges image input tokens by size, as Claude does, and skips
 * OCR for bytes that are not an image at all.
 * @module
 */

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * Width and height of a PNG, JPEG, GIF or WebP, or undefined when the bytes are none of them
 * (or are cut short before the size).
 *
 * @example
 * ```ts
 * imageSize(pngBytes({ width: 5, height: 3 })); // { width: 5, height: 3 }
 * imageSize(new Uint8Array([1, 2, 3]));         // undefined
 * ```
 */
export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = pngSize(buffer) ?? jpegSize(buffer) ?? gifSize(buffer) ?? webpSize(buffer);
  return size !== undefined && size.width > 0 && size.height > 0 ? size : undefined;
}

function pngSize(buffer: Buffer): ImageSize | undefined {
  if (buffer.length < 24 || buffer.readUInt32BE(0) !== 0x89504e47 || buffer.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

/** Walks the JPEG markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegSize(buffer: Buffer): ImageSize | undefined {
  if (buffer.length < 4 || buffer[0] !== 0xff || buffer[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 4 <= buffer.length) {
    if (buffer[offset] !== 0xff) return undefined;
    const marker = buffer[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    const length = buffer.readUInt16BE(offset + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > buffer.length) return undefined;
      return { width: buffer.readUInt16BE(offset + 7), height: buffer.readUInt16BE(offset + 5) };
    }
    if (marker === 0xd9 || marker === 0xda || length < 2) return undefined; // end, or scan data before any frame
    offset += 2 + length;
  }
  return undefined;
}

function gifSize(buffer: Buffer): ImageSize | undefined {
  if (buffer.length < 10 || !/^GIF8[79]a$/.test(buffer.toString('latin1', 0, 6))) return undefined;
  return { width: buffer.readUInt16LE(6), height: buffer.readUInt16LE(8) };
}

function webpSize(buffer: Buffer): ImageSize | undefined {
  if (buffer.length < 30 || buffer.toString('latin1', 0, 4) !== 'RIFF' || buffer.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  switch (buffer.toString('latin1', 12, 16)) {
    case 'VP8 ': // lossy: 14-bit sizes after the frame tag and start code
      return { width: buffer.readUInt16LE(26) & 0x3fff, height: buffer.readUInt16LE(28) & 0x3fff };
    case 'VP8L': {
      // lossless: signature 0x2f, then 14-bit width − 1 and height − 1, little-endian bits
      if (buffer[20] !== 0x2f) return undefined;
      const bits = buffer.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X': // extended: 24-bit canvas width − 1 and height − 1
      return { width: buffer.readUIntLE(24, 3) + 1, height: buffer.readUIntLE(27, 3) + 1 };
    default:
      return undefined;
  }
}
