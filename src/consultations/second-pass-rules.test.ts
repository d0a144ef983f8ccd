import { describe, expect, it } from 'vitest';
import { agreementTablesOf, blindCodingReason, questionAgreementOf } from './second-pass-rules.ts';

const codebook = [
  { id: 'travel', code: 'TRAVEL', label: 'Travel to specialist care' },
  { id: 'closures', code: 'CLOSURES', label: 'Local hospital closures' },
];

describe('Gunning 4 ("conscientiously taken into account"): two analysts’ agreement on a question', () => {
  it('gives kappa per theme and pooled, to 2 decimals, with the Landis & Koch words', () => {
    // TRAVEL: both 4, first only 1, neither 5 → pₒ 0.9, pₑ 0.5 → κ 0.80 (substantial).
    // CLOSURES: both 5, neither 5 → κ 1.00 (almost perfect).
    const pairs = [
      ...Array.from({ length: 4 }, () => ({ first: ['travel'], second: ['travel'] })),
      { first: ['travel'], second: [] },
      ...Array.from({ length: 5 }, () => ({ first: ['closures'], second: ['closures'] })),
    ];
    const agreement = questionAgreementOf(
      codebook,
      agreementTablesOf(codebook, pairs),
      pairs.length,
    );
    expect(agreement.doubleCoded).toBe(10);
    expect(agreement.themes).toEqual([
      {
        code: 'TRAVEL',
        label: 'Travel to specialist care',
        kappa: '0.80',
        words: 'substantial agreement',
        first: 5,
        second: 4,
      },
      {
        code: 'CLOSURES',
        label: 'Local hospital closures',
        kappa: '1.00',
        words: 'almost perfect agreement',
        first: 5,
        second: 5,
      },
    ]);
    // Pooled: both 9, first only 1, neither 10 of 20 → pₒ 0.95, pₑ 0.5 → κ 0.90.
    expect(agreement.pooledKappa).toBe('0.90');
    expect(agreement.pooledWords).toBe('almost perfect agreement');
  });

  it('says so when nothing has been coded twice yet, rather than showing a figure', () => {
    const agreement = questionAgreementOf(codebook, new Map(), 0);
    expect(agreement.pooledKappa).toBe('not enough double coding');
    expect(agreement.pooledWords).toBe('not enough double coding to say');
    expect(agreement.themes.map((theme) => theme.kappa)).toEqual([
      'not enough double coding',
      'not enough double coding',
    ]);
  });

  it('explains the blind second pass by the rule it serves', () => {
    expect(blindCodingReason).toContain('not shown');
    expect(blindCodingReason).toContain('Cohen 1960');
  });
});
