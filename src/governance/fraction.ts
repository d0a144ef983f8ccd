/**
 * Exact threshold arithmetic. Thresholds are integer numerator/denominator pairs and every
 * comparison is done on integers (BigInt, so weights such as populations cannot overflow):
 * a share `yes` of `base` meets p/q exactly when yes × q ≥ p × base. No floating point is used,
 * so "75% of 7" is 6 and never 5.25 rounded one way or the other.
 */

export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** True when `part` is at least `threshold` of `whole`: part × q ≥ p × whole. */
export function meetsFraction(part: number, whole: number, threshold: Fraction): boolean {
  return (
    BigInt(part) * BigInt(threshold.denominator) >= BigInt(threshold.numerator) * BigInt(whole)
  );
}

/** The smallest whole number that is at least `threshold` of `whole` (p × whole / q rounded up). */
export function smallestMeeting(whole: number, threshold: Fraction): number {
  const numerator = BigInt(threshold.numerator) * BigInt(whole);
  const denominator = BigInt(threshold.denominator);
  return Number((numerator + denominator - 1n) / denominator);
}

/** "3/4" or, for the common cases, "3/4 (75%)" when the percentage is a whole number. */
export function describeFraction(fraction: Fraction): string {
  const plain = `${fraction.numerator}/${fraction.denominator}`;
  const hundred = fraction.numerator * 100;
  return hundred % fraction.denominator === 0
    ? `${plain} (${hundred / fraction.denominator}%)`
    : plain;
}

/** The worked inequality, so a reader can check the arithmetic: "6 × 4 = 24 ≥ 3 × 8 = 24". */
export function showFractionComparison(part: number, whole: number, threshold: Fraction): string {
  const left = BigInt(part) * BigInt(threshold.denominator);
  const right = BigInt(threshold.numerator) * BigInt(whole);
  const sign = left >= right ? '≥' : '<';
  return `${part} × ${threshold.denominator} = ${left} ${sign} ${threshold.numerator} × ${whole} = ${right}`;
}
