/**
 * Counts (exactly N, at least N, at most N) as closed integer ranges, so composition checks and the
 * validation of contradictory counts share one arithmetic. An upper bound of `undefined` means
 * "no limit".
 */
import type { Count } from './constitution-schema.ts';

export interface Bounds {
  readonly min: number;
  readonly max: number | undefined;
}

export function boundsOf(count: Count): Bounds {
  if (count.exactly !== undefined) return { min: count.exactly, max: count.exactly };
  return { min: count.atLeast ?? 0, max: count.atMost };
}

export function scaleBounds(bounds: Bounds, factor: number): Bounds {
  return {
    min: bounds.min * factor,
    max: bounds.max === undefined ? undefined : bounds.max * factor,
  };
}

export function addBounds(left: Bounds, right: Bounds): Bounds {
  return {
    min: left.min + right.min,
    max: left.max === undefined || right.max === undefined ? undefined : left.max + right.max,
  };
}

/** True when some whole number satisfies both ranges. */
export function boundsOverlap(left: Bounds, right: Bounds): boolean {
  const lowest = Math.max(left.min, right.min);
  const highest =
    left.max === undefined
      ? right.max
      : right.max === undefined
        ? left.max
        : Math.min(left.max, right.max);
  return highest === undefined || lowest <= highest;
}

export function describeCount(count: Count): string {
  if (count.exactly !== undefined) return `exactly ${count.exactly}`;
  if (count.atLeast !== undefined && count.atMost !== undefined) {
    return `between ${count.atLeast} and ${count.atMost}`;
  }
  if (count.atMost !== undefined) return `at most ${count.atMost}`;
  return `at least ${count.atLeast ?? 0}`;
}

export function describeBounds(bounds: Bounds): string {
  if (bounds.max === bounds.min) return `exactly ${bounds.min}`;
  if (bounds.max === undefined) return `at least ${bounds.min}`;
  if (bounds.min === 0) return `at most ${bounds.max}`;
  return `between ${bounds.min} and ${bounds.max}`;
}
