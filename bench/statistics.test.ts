import { describe, expect, it, vi } from 'vitest';
import { percentile, runAtRate, runWithConcurrency } from './statistics.ts';

describe('percentile (nearest rank)', () => {
  it('gives the median and the 99th percentile of 1…100', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
  });

  it('gives the only value of a list of one, and nothing for an empty list', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('refuses a percentile outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('runWithConcurrency', () => {
  it('runs every index once, never more than the limit at a time', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await runWithConcurrency(25, 4, async (index) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(index);
      running -= 1;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, index) => index));
    expect(most).toBe(4);
  });
});

describe('runAtRate', () => {
  it('starts each task on schedule without waiting for the ones before, and waits for all', async () => {
    vi.useFakeTimers();
    try {
      const startedAt: number[] = [];
      const finished: number[] = [];
      const origin = performance.now();
      const done = runAtRate(5, 10, async (index) => {
        startedAt.push(Math.round(performance.now() - origin));
        // Each task outlasts the interval: an open loop starts the next one anyway.
        await new Promise((resolve) => setTimeout(resolve, 250));
        finished.push(index);
      });
      await vi.advanceTimersByTimeAsync(1_000);
      await done;
      expect(startedAt).toEqual([0, 100, 200, 300, 400]);
      expect(finished).toEqual([0, 1, 2, 3, 4]);
    } finally {
      vi.useRealTimers();
    }
  });
});
