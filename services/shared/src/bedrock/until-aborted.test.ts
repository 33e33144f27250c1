import { describe, expect, it, vi } from 'vitest';
import { untilAborted } from './until-aborted.ts';

describe('untilAborted', () => {
  it('passes every item through when nothing aborts', async () => {
    async function* source(): AsyncGenerator<number> {
      for (const item of [1, 2, 3]) {
        await Promise.resolve();
        yield item;
      }
    }
    const items: number[] = [];
    for await (const item of untilAborted(source(), new AbortController().signal)) items.push(item);
    expect(items).toEqual([1, 2, 3]);
  });

  it('rejects with the abort reason while the source is stuck, and asks the source to return', async () => {
    const returned = vi.fn(() => Promise.resolve({ done: true as const, value: undefined }));
    const stuck: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<number>>(() => undefined),
        return: returned,
      }),
    };
    const controller = new AbortController();
    const reason = new DOMException('deadline', 'TimeoutError');
    setTimeout(() => controller.abort(reason), 5);
    await expect(
      (async () => {
        for await (const item of untilAborted(stuck, controller.signal)) expect(item).toBeUndefined();
      })(),
    ).rejects.toBe(reason);
    expect(returned).toHaveBeenCalledOnce();
  });

  it('rejects at once on an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    async function* never(): AsyncGenerator<number> {
      await new Promise(() => undefined);
      yield 1;
    }
    await expect(untilAborted(never(), controller.signal).next()).rejects.toThrow('gone');
  });
});
