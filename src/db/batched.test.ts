import { describe, expect, it } from 'vitest';
import { batched, batchedPerHandle } from './batched.ts';

/** A runner whose batches return only when the test says so, recording what each carried. */
function heldRunner() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const run = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<string[]>((resolve) => {
      releases.push(() => resolve(items.map((item) => `done ${item}`)));
    });
  };
  const releaseNext = async () => {
    releases.shift()?.();
    // Let the answered batch settle and the next one be sent.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, batches, releaseNext };
}

describe('batched', () => {
  it('sends a lone item straight away, in a batch of its own', async () => {
    const runner = heldRunner();
    const submit = batched(runner.run, { inFlight: 1, size: 10 });
    const answer = submit(1);
    expect(runner.batches).toEqual([[1]]);
    await runner.releaseNext();
    await expect(answer).resolves.toBe('done 1');
  });

  it('gathers the items that arrive while a batch is out into the next one, in order', async () => {
    const runner = heldRunner();
    const submit = batched(runner.run, { inFlight: 1, size: 10 });
    const answers = [1, 2, 3, 4].map((item) => submit(item));
    expect(runner.batches).toEqual([[1]]);
    await runner.releaseNext();
    expect(runner.batches).toEqual([[1], [2, 3, 4]]);
    await runner.releaseNext();
    await expect(Promise.all(answers)).resolves.toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
  });

  it('keeps as many batches out as it is allowed, and no batch larger than its size', async () => {
    const runner = heldRunner();
    const submit = batched(runner.run, { inFlight: 2, size: 2 });
    const answers = [1, 2, 3, 4, 5, 6].map((item) => submit(item));
    expect(runner.batches).toEqual([[1], [2]]);
    await runner.releaseNext();
    expect(runner.batches).toEqual([[1], [2], [3, 4]]);
    await runner.releaseNext();
    await runner.releaseNext();
    await runner.releaseNext();
    expect(runner.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    await expect(Promise.all(answers)).resolves.toHaveLength(6);
  });

  it('runs a failed batch again one item at a time, so only the item that broke it fails', async () => {
    const batches: number[][] = [];
    const submit = batched(
      async (items: readonly number[]) => {
        batches.push([...items]);
        if (items.includes(13)) throw new Error('thirteen is refused');
        return items.map((item) => item * 10);
      },
      { inFlight: 1, size: 10 },
    );
    const answers = [1, 13, 2, 3].map((item) => submit(item));
    const settled = await Promise.allSettled(answers);
    expect(
      settled.map((one) => (one.status === 'fulfilled' ? one.value : one.reason.message)),
    ).toEqual([10, 'thirteen is refused', 20, 30]);
    expect(batches).toEqual([[1], [13, 2, 3], [13], [2], [3]]);
  });

  it('refuses an answer that does not give one result per item', async () => {
    const submit = batched(async () => [] as number[], { inFlight: 1, size: 10 });
    await expect(submit(1)).rejects.toThrow('A batch of 1 was answered with 0 results');
  });
});

describe('batchedPerHandle', () => {
  it('never puts the items of two handles in one batch', async () => {
    const seen: string[][] = [];
    const submit = batchedPerHandle(
      (handle: { name: string }) => async (items: readonly number[]) => {
        seen.push(items.map((item) => `${handle.name}:${item}`));
        return [...items];
      },
      { inFlight: 1, size: 10 },
    );
    const first = { name: 'a' };
    const second = { name: 'b' };
    await Promise.all([submit(first, 1), submit(second, 2), submit(first, 3), submit(second, 4)]);
    expect(seen).toEqual([['a:1'], ['b:2'], ['a:3'], ['b:4']]);
  });
});
