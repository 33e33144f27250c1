/**
 * An image's pixel size read from its header with the `image-size` package (PNG, JPEG, GIF,
 * WebP among others), without decoding it: the mock charges image input tokens by size, as
 * Claude does, and skips OCR for bytes that are not an image at all.
 * @module
 */
import { imageSize as readImageHeader } from 'image-size';

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * Width and height of the image, or undefined when the bytes are no image the package knows
 * (or are cut short before the size).
 *
 * @example
 * ```ts
 * imageSize(pngBytes({ width: 5, height: 3 })); // { width: 5, height: 3 }
 * imageSize(new Uint8Array([1, 2, 3]));         // undefined
 * ```
 */
export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  // The package reads through the view's ArrayBuffer, past a subarray's end: hand it exactly these bytes.
  const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  try {
    const { width, height } = readImageHeader(exact);
    return width > 0 && height > 0 ? { width, height } : undefined;
  } catch {
    return undefined; // unsupported or truncated: the package throws
  }
}
