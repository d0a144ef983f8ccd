import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeFraction,
  meetsFraction,
  showFractionComparison,
  smallestMeeting,
} from './fraction.ts';

const threeQuarters = { numerator: 3, denominator: 4 };

/** The least number of votes reaching the threshold, found by counting up: no formula shared. */
function bruteForceNeeded(
  base: number,
  threshold: { numerator: number; denominator: number },
): number {
  for (let votes = 0; votes <= base; votes += 1) {
    // votes / base >= p / q, compared as exact rationals by cross-multiplying integers.
    if (votes * threshold.denominator >= threshold.numerator * base) return votes;
  }
  return base;
}

describe('exact thresholds', () => {
  it.each([
    [7, 6],
    [8, 6],
    [4, 3],
    [1, 1],
    [3, 3],
    [100, 75],
    [101, 76],
  ])('three quarters of %i needs %i', (base, needed) => {
    expect(smallestMeeting(base, threshold75())).toBe(needed);
    expect(meetsFraction(needed, base, threshold75())).toBe(true);
    expect(meetsFraction(needed - 1, base, threshold75())).toBe(false);
  });

  it('one third of 10 rounded up is 4, of 9 is 3', () => {
    expect(smallestMeeting(10, { numerator: 1, denominator: 3 })).toBe(4);
    expect(smallestMeeting(9, { numerator: 1, denominator: 3 })).toBe(3);
  });

  it('compares weights whose products exceed floating-point precision exactly', () => {
    // 3 × base is beyond Number.MAX_SAFE_INTEGER, where (base * 3) / 4 in floating point is wrong.
    const base = 8_173_941_000_000_001;
    const needed = Number((3n * BigInt(base) + 3n) / 4n);
    expect(smallestMeeting(base, threshold75())).toBe(needed);
    expect(meetsFraction(needed, base, threshold75())).toBe(true);
    expect(meetsFraction(needed - 1, base, threshold75())).toBe(false);
  });

  it('property: meeting the threshold agrees with a brute-force count at every boundary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((denominator) =>
          fc.record({
            denominator: fc.constant(denominator),
            numerator: fc.integer({ min: 1, max: denominator }),
            base: fc.integer({ min: 0, max: 60 }),
          }),
        ),
        ({ numerator, denominator, base }) => {
          const threshold = { numerator, denominator };
          const needed = bruteForceNeeded(base, threshold);
          expect(smallestMeeting(base, threshold)).toBe(needed);
          for (let votes = 0; votes <= base; votes += 1) {
            expect(meetsFraction(votes, base, threshold)).toBe(votes >= needed);
          }
        },
      ),
    );
  });

  it('describes fractions and shows its working', () => {
    expect(describeFraction(threeQuarters)).toBe('3/4 (75%)');
    expect(describeFraction({ numerator: 1, denominator: 3 })).toBe('1/3');
    expect(showFractionComparison(6, 8, threeQuarters)).toBe('6 × 4 = 24 ≥ 3 × 8 = 24');
    expect(showFractionComparison(5, 8, threeQuarters)).toBe('5 × 4 = 20 < 3 × 8 = 24');
  });
});

function threshold75() {
  return threeQuarters;
}
