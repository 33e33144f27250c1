/**
 * The text in an image, read with tesseract.js: how the mock "sees" a photo or screenshot of a
 * lab report. Claude reads images visually; the mock reads only what OCR finds, and the answer
 * is then composed from that text exactly as from a PDF's text layer.
 *
 * One reader per mock server: its tesseract worker (a worker thread) is created on the first
 * image, reused, fed one image at a time (OCR is CPU-bound; the machines have two cores), and
 * terminated by `close()`, which the mock's `stop()` calls. The English model ships in the
 * `@tesseract.js-data/eng` package and is read from disk: nothing is fetched.
 * @module
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import { createWorker, type Worker } from 'tesseract.js';
import { imageSize } from './image-size.ts';

/** Reads the text of images; `close()` ends its worker thread. */
export interface ImageTextReader {
  /** The text OCR finds in `bytes` ('' for no text, bytes that are no image, or after close). */
  read: (bytes: Uint8Array) => Promise<string>;
  /** Terminates the worker (waiting for its thread to exit); pending reads give ''. Idempotent. */
  close: () => Promise<void>;
  /** Whether a worker thread is alive (created and not yet terminated). */
  workerRunning: () => boolean;
}

/** Below this many pixels on an edge there is no legible text (and tesseract only complains). */
const MIN_EDGE = 16;
/** Results kept by content hash: the same sample is sent again on retries and in tests. */
const CACHE_ENTRIES = 32;

/**
 * The folder holding `eng.traineddata.gz` (LSTM "best" integer model), inside node_modules.
 *
 * @example
 * ```ts
 * englishModelFolder(); // '/…/node_modules/@tesseract.js-data/eng/4.0.0_best_int'
 * ```
 */
export function englishModelFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/**
 * A reader whose worker starts on the first image worth reading.
 *
 * @example
 * ```ts
 * const reader = createImageTextReader();
 * const text = await reader.read(photoBytes); // 'Lipid Panel\n…LDL Cholesterol 162 mg/dL <100 H…'
 * await reader.close();
 * ```
 */
export function createImageTextReader(): ImageTextReader {
  let worker: Promise<Worker> | undefined;
  let thread: ThreadWorker | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let abandon: (() => void) | undefined;
  const cache = new LRUCache<string, string>({ max: CACHE_ENTRIES });

  const start = (): Promise<Worker> => {
    worker ??= createWorker('eng', 1 /* OEM.LSTM_ONLY */, {
      langPath: englishModelFolder(),
      cacheMethod: 'none',
      gzip: true,
      // Without a handler tesseract.js rethrows a failed job's error outside its promise.
      errorHandler: () => undefined,
    }).then((created) => {
      thread = (created as Worker & { worker?: ThreadWorker }).worker;
      return created;
    });
    return worker;
  };

  const recognize = async (bytes: Uint8Array): Promise<string> => {
    if (closed) return '';
    const ocr = await start();
    if (closed) return '';
    // terminate() leaves a running job's promise pending for ever: close() settles it instead.
    const abandoned = new Promise<string>((resolve) => {
      abandon = () => resolve('');
    });
    try {
      const result = await Promise.race([ocr.recognize(Buffer.from(bytes)), abandoned]);
      return typeof result === 'string' ? result : result.data.text;
    } catch {
      return ''; // a corrupt image: nothing legible
    } finally {
      abandon = undefined;
    }
  };

  return {
    read: async (bytes) => {
      const size = imageSize(bytes);
      if (closed || size === undefined || Math.min(size.width, size.height) < MIN_EDGE) return '';
      const key = createHash('sha256').update(bytes).digest('base64');
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const next = queue.then(() => recognize(bytes));
      queue = next.catch(() => undefined);
      const text = await next;
      if (!closed) cache.set(key, text);
      return text;
    },
    close: () => {
      closing ??= (async () => {
        closed = true;
        abandon?.();
        const created = await worker?.catch(() => undefined);
        await created?.terminate();
        await thread?.terminate(); // resolves once the thread has exited
        thread = undefined;
      })();
      return closing;
    },
    workerRunning: () => thread !== undefined,
  };
}
