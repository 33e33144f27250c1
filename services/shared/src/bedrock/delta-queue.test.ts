import { describe, expect, it } from 'vitest';
import { DeltaQueue } from './delta-queue.ts';

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('DeltaQueue', () => {
  it('hands over values pushed before and while the consumer waits, then ends', async () => {
    const queue = new DeltaQueue<string>();
    queue.push('a');
    const drained = drain(queue);
    await Promise.resolve();
    queue.push('b');
    setTimeout(() => {
      queue.push('c');
      queue.end();
    }, 5);
    await expect(drained).resolves.toEqual(['a', 'b', 'c']);
  });

  it('delivers queued values before the failure, and ignores pushes after the end', async () => {
    const queue = new DeltaQueue<string>();
    queue.push('x');
    const error = new Error('broken');
    queue.fail(error);
    queue.push('ignored');
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of queue) seen.push(item);
      })(),
    ).rejects.toBe(error);
    expect(seen).toEqual(['x']);
  });

  it('keeps empty strings and falsy values', async () => {
    const queue = new DeltaQueue<number>();
    queue.push(0);
    queue.end();
    await expect(drain(queue)).resolves.toEqual([0]);
  });
});
