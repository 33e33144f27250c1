import { describe, expect, it } from 'vitest';
import { CONVERSE_ATTACHMENT_LIMITS } from '#shared/bedrock/converse-attachment-limits.ts';
import { UPLOAD_LIMIT_BYTES } from '#shared/config/documents-config.ts';
import { AppError } from '#shared/errors/index.ts';
import { jpegBytes, padToSize, pngBytes } from '../../../../e2e/fixtures/documents/index.ts';
import { readUploadFile, type UploadRequest } from './read-upload-file.ts';

const MULTIPART = 'multipart/form-data; boundary=x';

function request(form: FormData | Error, contentType = MULTIPART): UploadRequest {
  return { contentType, formData: () => (form instanceof Error ? Promise.reject(form) : Promise.resolve(form)) };
}

function formWith(...parts: (File | string)[]): FormData {
  const form = new FormData();
  for (const part of parts) form.append('file', part);
  return form;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe('readUploadFile', () => {
  it('returns the bytes and the type found in them', async () => {
    const png = pngBytes();
    const file = await readUploadFile(request(formWith(new File([png], 'x.pdf', { type: 'application/pdf' }))), 1024);
    expect(file.mediaType).toBe('image/png');
    expect([...file.bytes]).toEqual([...png]);
  });

  it('refuses a non-multipart request before parsing anything', async () => {
    let parsed = false;
    const spy: UploadRequest = { contentType: 'application/json', formData: () => ((parsed = true), Promise.resolve(new FormData())) };
    expect(await codeOf(readUploadFile(spy, 1024))).toBe('VALIDATION_ERROR');
    expect(await codeOf(readUploadFile(request(new FormData(), undefined as unknown as string), 1024))).toBe('VALIDATION_ERROR');
    expect(parsed).toBe(false);
  });

  it.each([
    ['an unreadable body', () => request(new TypeError('bad multipart'))],
    ['no file field', () => request(new FormData())],
    ['a text field', () => request(formWith('%PDF-1.7'))],
    ['two files', () => request(formWith(new File([pngBytes()], 'a.png'), new File([pngBytes()], 'b.png')))],
    ['an empty file', () => request(formWith(new File([], 'a.png')))],
  ])('answers %s with VALIDATION_ERROR', async (_name, make) => {
    expect(await codeOf(readUploadFile(make(), 1024))).toBe('VALIDATION_ERROR');
  });

  it('answers a file over the limit with FILE_TOO_LARGE, at the limit with success', async () => {
    const atLimit = new Uint8Array(100);
    atLimit.set(pngBytes().subarray(0, 8));
    expect((await readUploadFile(request(formWith(new File([atLimit], 'a.png'))), 100)).bytes).toHaveLength(100);
    expect(await codeOf(readUploadFile(request(formWith(new File([atLimit], 'a.png'))), 99))).toBe('FILE_TOO_LARGE');
  });

  it('says the limit in the FILE_TOO_LARGE message: 4.5 MB by default', async () => {
    const over = new File([padToSize(pngBytes(), UPLOAD_LIMIT_BYTES + 1)], 'a.png');
    await expect(readUploadFile(request(formWith(over)), UPLOAD_LIMIT_BYTES)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: 'The file is larger than 4.5 MB' });
  });

  it("answers a JPEG or PNG over Converse's 3.75 MB image limit with FILE_TOO_LARGE naming that limit; a PDF that size passes", async () => {
    const image = CONVERSE_ATTACHMENT_LIMITS.imageBytes;
    for (const bytes of [pngBytes(), jpegBytes()]) {
      const atImageLimit = await readUploadFile(request(formWith(new File([padToSize(bytes, image)], 'scan'))), UPLOAD_LIMIT_BYTES);
      expect(atImageLimit.bytes).toHaveLength(image);
      await expect(readUploadFile(request(formWith(new File([padToSize(bytes, image + 1)], 'scan'))), UPLOAD_LIMIT_BYTES)).rejects.toMatchObject({
        code: 'FILE_TOO_LARGE',
        message: 'The image is larger than 3.75 MB, the limit for JPEG and PNG files',
      });
    }
    const pdf = padToSize(new TextEncoder().encode('%PDF-1.7\n'), image + 1);
    expect((await readUploadFile(request(formWith(new File([pdf], 'report.pdf'))), UPLOAD_LIMIT_BYTES)).mediaType).toBe('application/pdf');
  });

  it('answers unknown content with UNSUPPORTED_MEDIA_TYPE', async () => {
    expect(await codeOf(readUploadFile(request(formWith(new File(['just text'], 'x.pdf', { type: 'application/pdf' }))), 1024))).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
