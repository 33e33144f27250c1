import { describe, expect, it } from 'vitest';
import { jpegBytes, labReportPdfBytes, pngBytes } from '../../../../e2e/fixtures/documents/index.ts';
import { detectMediaType } from './detect-media-type.ts';

const text = (value: string) => new TextEncoder().encode(value);

describe('detectMediaType', () => {
  it('recognises real PDF, JPEG and PNG files by their first bytes', async () => {
    expect(detectMediaType(await labReportPdfBytes())).toBe('application/pdf');
    expect(detectMediaType(jpegBytes())).toBe('image/jpeg');
    expect(detectMediaType(pngBytes())).toBe('image/png');
  });

  it('needs the whole signature at the very start', () => {
    expect(detectMediaType(text('%PDF-'))).toBe('application/pdf');
    expect(detectMediaType(text('%PDF'))).toBeNull();
    expect(detectMediaType(text(' %PDF-1.7'))).toBeNull();
    expect(detectMediaType(Uint8Array.of(0xff, 0xd8))).toBeNull();
    expect(detectMediaType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull();
    expect(detectMediaType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b))).toBeNull();
  });

  it('refuses everything else: text, HTML, GIF, ZIP, empty', () => {
    for (const bytes of [text('Hemoglobin 11.2 g/dL'), text('<html>'), text('GIF89a'), Uint8Array.of(0x50, 0x4b, 0x03, 0x04), new Uint8Array()]) {
      expect(detectMediaType(bytes)).toBeNull();
    }
  });
});
