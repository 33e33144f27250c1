import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { jpegBytes, labReportImageBytes, pngBytes } from '../../../../e2e/fixtures/documents/index.ts';
import { imageSize } from './image-size.ts';
import { IMAGE_INPUT_TOKENS, imageInputTokens } from './token-count.ts';

function encoded(width: number, height: number, format: 'webp' | 'png', quality?: number): Uint8Array {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#3366aa';
  ctx.fillRect(0, 0, width / 2, height);
  return new Uint8Array(format === 'webp' ? canvas.encodeSync('webp', quality) : canvas.encodeSync('png'));
}

/** A GIF header (GIF89a, logical screen size) with the trailer: all the size reader needs. */
function gifHeader(width: number, height: number): Uint8Array {
  const header = Buffer.alloc(14);
  header.write('GIF89a', 0, 'latin1');
  header.writeUInt16LE(width, 6);
  header.writeUInt16LE(height, 8);
  header[13] = 0x3b;
  return new Uint8Array(header);
}

describe('imageSize', () => {
  it('reads PNG, JPEG (jpeg-js and Skia encoders), GIF and WebP (lossy and lossless) headers', () => {
    expect(imageSize(pngBytes({ width: 5, height: 3 }))).toEqual({ width: 5, height: 3 });
    expect(imageSize(jpegBytes({ width: 64, height: 48 }))).toEqual({ width: 64, height: 48 });
    expect(imageSize(labReportImageBytes('lipid-panel-high-ldl-low-hdl', 'jpeg'))).toMatchObject({ width: 1320 });
    expect(imageSize(gifHeader(300, 200))).toEqual({ width: 300, height: 200 });
    expect(imageSize(encoded(321, 123, 'webp', 80))).toEqual({ width: 321, height: 123 });
    expect(imageSize(encoded(321, 123, 'webp', 100))).toEqual({ width: 321, height: 123 });
    expect(imageSize(encoded(17, 9, 'png'))).toEqual({ width: 17, height: 9 });
  });

  it('gives undefined for bytes that are no image, or stop before the size', () => {
    expect(imageSize(new Uint8Array())).toBeUndefined();
    expect(imageSize(Buffer.from('not an image at all, just text'))).toBeUndefined();
    expect(imageSize(pngBytes().subarray(0, 20))).toBeUndefined();
    expect(imageSize(jpegBytes().subarray(0, 30))).toBeUndefined();
    expect(imageSize(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9))).toBeUndefined();
  });
});

describe('imageInputTokens', () => {
  it('charges width × height / 750, rounded up, as Anthropic documents', () => {
    expect(imageInputTokens({ width: 1, height: 1 })).toBe(1);
    expect(imageInputTokens({ width: 200, height: 200 })).toBe(54);
    expect(imageInputTokens({ width: 1000, height: 1000 })).toBe(1_334);
    expect(imageInputTokens({ width: 1320, height: 899 })).toBe(1_583); // the sample photo
  });

  it('scales the long edge down to 1,568 px and charges at most 1,600 tokens; an unknown size costs the maximum', () => {
    // 3136 × 200 → 1568 × 100.
    expect(imageInputTokens({ width: 3136, height: 200 })).toBe(Math.ceil((1568 * 100) / 750));
    expect(imageInputTokens({ width: 4000, height: 3000 })).toBe(IMAGE_INPUT_TOKENS);
    expect(imageInputTokens({ width: 1240, height: 1754 })).toBe(IMAGE_INPUT_TOKENS);
    expect(imageInputTokens(undefined)).toBe(IMAGE_INPUT_TOKENS);
  });
});
