/** Small statistics for the benchmarks' reports; pure, so it is tested on its own. */

/**
 * The nearest-rank percentile (0 < p ≤ 100) of a list of numbers: the smallest value with at
 * least p% of the values at or below it. Undefined for an empty list.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100))
    throw new RangeError(`a percentile is above 0 and at most 100, not ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Runs `task` for every index below `count` with at most `concurrency` running at once. */
export async function runWithConcurrency(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/**
 * Starts `task` for every index below `count` at a steady `perSecond`, whether or not earlier
 * ones have finished (an open loop, as members in a room press "vote" regardless of each other),
 * and resolves when all have finished.
 */
export async function runAtRate(
  count: number,
  perSecond: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const running: Promise<void>[] = [];
  for (let index = 0; index < count; index += 1) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(task(index));
  }
  await Promise.all(running);
}
