import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngBytes } from '../../../../e2e/fixtures/documents/index.ts';
import { createImageTextReader, englishModelFolder } from './image-text.ts';

// Reading real images (OCR) is tested through the mock in images.integration.test.ts; these
// are the paths that must not start a tesseract worker at all.
describe('createImageTextReader without OCR', () => {
  it('reads nothing, and starts no worker, for bytes that are no image or an image too small to hold text', async () => {
    const reader = createImageTextReader();
    expect(await reader.read(Buffer.from('%PDF-1.7 not an image'))).toBe('');
    expect(await reader.read(pngBytes({ width: 8, height: 8 }))).toBe('');
    expect(reader.workerRunning()).toBe(false);
    await reader.close();
    await reader.close();
    expect(await reader.read(pngBytes({ width: 64, height: 64 }))).toBe('');
    expect(reader.workerRunning()).toBe(false);
  });

  it('finds the English model on disk, in node_modules, never over the network', () => {
    const folder = englishModelFolder();
    expect(folder).toMatch(/node_modules\/@tesseract\.js-data\/eng\/4\.0\.0_best_int$/);
    expect(existsSync(join(folder, 'eng.traineddata.gz'))).toBe(true);
  });
});
