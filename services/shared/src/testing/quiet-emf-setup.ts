/**
 * Vitest setup file: drops EMF metric lines from stdout so test output stays readable.
 * Tests that assert metrics capture them with `captureEmf()`, which wraps this filter.
 * @module
 */
const write = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;

process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  if (typeof chunk === 'string' && chunk.startsWith('{"_aws"')) return true;
  return write(chunk, ...rest);
});
