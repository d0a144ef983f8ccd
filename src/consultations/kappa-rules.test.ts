import { describe, expect, it } from 'vitest';
import {
  agreementInWords,
  agreementTableOf,
  cohensKappa,
  kappaFigure,
  pooledTable,
} from './kappa-rules.ts';

describe("Cohen's kappa (Cohen 1960) between the two passes of a double-coded sample", () => {
  it('gives 0.40 for the worked example of 50 proposals read by two readers (20 yes–yes, 5 yes–no, 10 no–yes, 15 no–no)', () => {
    // pₒ = (20 + 15) ÷ 50 = 0.7; pₑ = 0.5 × 0.6 + 0.5 × 0.4 = 0.5; κ = (0.7 − 0.5) ÷ 0.5 = 0.4.
    const result = cohensKappa({ both: 20, firstOnly: 5, secondOnly: 10, neither: 15 });
    expect(result.observed).toBeCloseTo(0.7, 10);
    expect(result.expected).toBeCloseTo(0.5, 10);
    expect(kappaFigure(result.kappa)).toBe('0.40');
    expect(agreementInWords(result.kappa)).toBe('fair agreement');
  });

  it('gives 1 for perfect agreement and a negative figure for agreement below chance', () => {
    expect(cohensKappa({ both: 3, firstOnly: 0, secondOnly: 0, neither: 7 }).kappa).toBe(1);
    const below = cohensKappa({ both: 0, firstOnly: 5, secondOnly: 5, neither: 0 });
    expect(below.kappa).toBe(-1);
    expect(kappaFigure(below.kappa)).toBe('−1.00');
    expect(agreementInWords(below.kappa)).toBe('poor agreement (less than chance)');
  });

  it('is undefined with no answers, or when both passes say the same of every answer by chance alone', () => {
    expect(cohensKappa({ both: 0, firstOnly: 0, secondOnly: 0, neither: 0 }).kappa).toBeNull();
    expect(cohensKappa({ both: 0, firstOnly: 0, secondOnly: 0, neither: 9 }).kappa).toBeNull();
    expect(kappaFigure(null)).toBe('not enough double coding');
  });

  it('refuses counts that are not whole numbers', () => {
    expect(() => cohensKappa({ both: 1.5, firstOnly: 0, secondOnly: 0, neither: 1 })).toThrow(
      RangeError,
    );
  });

  it('names the Landis & Koch 1977 bands: 0.61–0.80 is "substantial agreement"', () => {
    expect(agreementInWords(0.2)).toBe('slight agreement');
    expect(agreementInWords(0.55)).toBe('moderate agreement');
    expect(agreementInWords(0.72)).toBe('substantial agreement');
    expect(agreementInWords(0.81)).toBe('almost perfect agreement');
  });

  it('builds a theme’s table from the two passes and pools the themes by summing their tables', () => {
    const pairs = [
      { first: ['a', 'b'], second: ['a'] },
      { first: ['b'], second: ['b'] },
      { first: [], second: ['a'] },
      { first: [], second: [] },
    ];
    const a = agreementTableOf('a', pairs);
    const b = agreementTableOf('b', pairs);
    expect(a).toEqual({ both: 1, firstOnly: 0, secondOnly: 1, neither: 2 });
    expect(b).toEqual({ both: 1, firstOnly: 1, secondOnly: 0, neither: 2 });
    expect(pooledTable([a, b])).toEqual({ both: 2, firstOnly: 1, secondOnly: 1, neither: 4 });
  });
});
