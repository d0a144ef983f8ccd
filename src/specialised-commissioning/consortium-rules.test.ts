import { describe, expect, it } from 'vitest';
import {
  apportion,
  contributions,
  type Member,
  memberProblems,
  moneyText,
  parsePounds,
  sharesFromPopulations,
  shareText,
} from './consortium-rules.ts';

const pct = (name: string, shareBasisPoints: number): Member => ({
  organisationId: name,
  name: `${name} PCT`,
  type: 'primary-care-trust',
  shareBasisPoints,
});

describe('2008 Commissioning development: the members of a specialised services consortium', () => {
  it('accepts PCTs whose shares make exactly 100.00%', () => {
    expect(memberProblems([pct('Camden', 3347), pct('Islington', 6653)])).toEqual([]);
  });

  it('refuses shares not summing to 100%, saying what they add up to', () => {
    const problems = memberProblems([pct('Camden', 3347), pct('Islington', 6600)]);
    expect(problems.map((problem) => problem.rule)).toEqual(['shares-add-up']);
    expect(problems[0]?.message).toContain('99.47%, not 100%');
    expect(problems[0]?.message).toContain('2008 Commissioning development');
  });

  it('2006 §3.2: refuses the Business Service as a member; refuses a non-PCT and a duplicate', () => {
    const problems = memberProblems([
      pct('Camden', 5000),
      {
        ...pct('x', 2500),
        name: 'London Commissioning Business Service',
        type: 'business-service',
      },
      { ...pct('y', 1000), name: 'NHS London', type: 'strategic-health-authority' },
      pct('Camden', 1500),
    ]);
    expect(problems.map((problem) => problem.rule)).toEqual([
      'business-service-may-not-be-a-member',
      'member-is-a-pct',
      'member-listed-once',
    ]);
    expect(problems[0]?.message).toContain('2006 §3.2');
  });
});

describe('decision 036: contributions in whole pence that add up to the budget exactly', () => {
  it('rounds down, then gives the pence left over to the largest remainders', () => {
    const budget = 100_000_001;
    const parts = contributions(budget, [3333, 3333, 3334]);
    expect(parts.reduce((sum, each) => sum + each, 0)).toBe(budget);
    expect(parts).toEqual([33_330_000, 33_330_000, 33_340_001]);
    expect(contributions(1, [5000, 5000])).toEqual([1, 0]);
  });

  it('adds up exactly for 31 members and a large budget', () => {
    const shares = sharesFromPopulations(
      Array.from({ length: 31 }, (_, index) => 150_000 + index * 7919),
    );
    expect(shares.reduce((sum, each) => sum + each, 0)).toBe(10_000);
    const budget = 412_345_678_91;
    expect(contributions(budget, shares).reduce((sum, each) => sum + each, 0)).toBe(budget);
    expect(apportion(10, [0, 0])).toEqual([0, 0]);
  });

  it('reads pounds to the penny and refuses fractions of a penny; writes money and shares', () => {
    expect(parsePounds('£12,345,678.90')).toBe(1_234_567_890);
    expect(parsePounds('1200000')).toBe(120_000_000);
    expect(parsePounds('10.005')).toBe('fraction-of-a-penny');
    expect(parsePounds('ten pounds')).toBeUndefined();
    expect(moneyText(123_456_789)).toBe('£1,234,567.89');
    expect(moneyText(5)).toBe('£0.05');
    expect(shareText(2347)).toBe('23.47%');
  });
});
