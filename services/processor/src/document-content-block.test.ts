import { describe, expect, it } from 'vitest';
import { CONVERSE_ATTACHMENT_LIMITS } from '#shared/bedrock/converse-attachment-limits.ts';
import { isAppError } from '#shared/errors/index.ts';
import { documentContentBlock } from './document-content-block.ts';

const bytes = new Uint8Array([1, 2, 3]);

describe('documentContentBlock', () => {
  it('sends a PDF as a document block with a neutral name', () => {
    expect(documentContentBlock(bytes, 'application/pdf')).toEqual({ document: { format: 'pdf', name: 'lab-report', source: { bytes } } });
  });

  it('sends JPEG and PNG as image blocks', () => {
    expect(documentContentBlock(bytes, 'image/jpeg')).toEqual({ image: { format: 'jpeg', source: { bytes } } });
    expect(documentContentBlock(bytes, 'image/png')).toEqual({ image: { format: 'png', source: { bytes } } });
  });

  it("refuses what Converse would refuse as DOCUMENT_UNREADABLE: a document over 4.5 MB, an image over 3.75 MB", () => {
    const code = (run: () => unknown): string | undefined => {
      try {
        run();
        return undefined;
      } catch (error) {
        return isAppError(error) ? error.code : 'other';
      }
    };
    expect(code(() => documentContentBlock(new Uint8Array(CONVERSE_ATTACHMENT_LIMITS.documentBytes + 1), 'application/pdf'))).toBe('DOCUMENT_UNREADABLE');
    expect(code(() => documentContentBlock(new Uint8Array(CONVERSE_ATTACHMENT_LIMITS.imageBytes + 1), 'image/jpeg'))).toBe('DOCUMENT_UNREADABLE');
    expect(code(() => documentContentBlock(new Uint8Array(CONVERSE_ATTACHMENT_LIMITS.imageBytes + 1), 'application/pdf'))).toBeUndefined();
    expect(code(() => documentContentBlock(new Uint8Array(CONVERSE_ATTACHMENT_LIMITS.documentBytes), 'application/pdf'))).toBeUndefined();
    expect(code(() => documentContentBlock(new Uint8Array(CONVERSE_ATTACHMENT_LIMITS.imageBytes), 'image/png'))).toBeUndefined();
  });
});
