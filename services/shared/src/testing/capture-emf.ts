/**
 * Test helper: captures the EMF metric lines a block of code writes to stdout, parsed, so a
 * test can assert which metrics with which dimensions were emitted.
 * @module
 */
import { vi } from 'vitest';

export interface EmfLine {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
  [key: string]: unknown;
}

export function captureEmf(): { lines: EmfLine[]; named(name: string): EmfLine[]; restore(): void } {
  const lines: EmfLine[] = [];
  const original = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    let swallowed = false;
    for (const line of text.split('\n')) {
      if (!line.startsWith('{"_aws"')) continue;
      lines.push(JSON.parse(line) as EmfLine);
      swallowed = true;
    }
    if (swallowed) return true;
    return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  });
  return {
    lines,
    named: (name) => lines.filter((l) => l._aws.CloudWatchMetrics.some((m) => m.Metrics.some((x) => x.Name === name))),
    restore: () => spy.mockRestore(),
  };
}
