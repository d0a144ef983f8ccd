import { describe, expect, it } from 'vitest';
import {
  csvField,
  evaluationProblems,
  inceptionIsFixed,
  membershipProblems,
  moneyInWords,
  penceFromPounds,
  rankBids,
  registerGaps,
  ruleInWords,
  shareInWords,
  stepProblem,
} from './procurement-rules.ts';

const pct = (organisationId: string, shareBasisPoints: number, type = 'primary-care-trust') => ({
  organisationId,
  name: `${organisationId} PCT`,
  type,
  shareBasisPoints,
});

describe('2006 §111: a consortium’s members and shares, fixed at inception', () => {
  it('accepts PCTs whose shares make exactly 100.00%', () => {
    expect(membershipProblems([pct('a', 6000), pct('b', 4000)])).toEqual([]);
  });

  it('refuses shares that do not sum to 100%, quoting the clause', () => {
    const [problem] = membershipProblems([pct('a', 6000), pct('b', 3999)]);
    expect(problem?.message).toContain('99.99%, not 100.00%');
    expect(problem?.message).toContain(
      '2006 §111 "Any new procurement consortium will agree its financial and decision making arrangements at inception',
    );
  });

  it('refuses a single member, a member twice, a non-PCT and a zero share', () => {
    expect(membershipProblems([pct('a', 10000)])[0]?.message).toContain('at least two');
    expect(
      membershipProblems([pct('a', 5000), pct('a', 5000)]).map((each) => each.message),
    ).toContain('a PCT is listed more than once.');
    expect(
      membershipProblems([pct('a', 5000), pct('t', 5000, 'provider-trust')])[0]?.message,
    ).toContain('is not a PCT');
    expect(membershipProblems([pct('a', 10000), pct('b', 0)])[0]?.message).toContain(
      'more than 0%',
    );
  });

  it('refuses a change to the inception record, naming what to do instead', () => {
    expect(inceptionIsFixed('The IAPT consortium')).toContain('Record a new consortium instead.');
  });

  it('states the rule in words', () => {
    expect(ruleInWords('allEntitled', 'share')).toBe(
      '75% of all members entitled to vote, present or not; each member’s vote weighs its share of the portfolio',
    );
    expect(ruleInWords('votesCast', 'none')).toBe(
      '75% of the votes cast, abstentions included; one member, one vote',
    );
  });
});

describe('money and shares in words', () => {
  it('shows pence as pounds and shares as percentages', () => {
    expect(moneyInWords(123_456_789)).toBe('£1,234,567.89');
    expect(moneyInWords(5)).toBe('£0.05');
    expect(shareInWords(2347)).toBe('23.47%');
  });

  it('reads pounds typed by a person, refusing a fraction of a penny', () => {
    expect(penceFromPounds('£1,234,567.89')).toEqual({ ok: true, pence: 123_456_789 });
    expect(penceFromPounds('250000')).toEqual({ ok: true, pence: 25_000_000 });
    expect(penceFromPounds('12.5')).toEqual({ ok: true, pence: 1250 });
    expect(penceFromPounds('12.500')).toEqual({ ok: true, pence: 1250 });
    const refused = penceFromPounds('1,000.005');
    expect(refused).toMatchObject({ ok: false });
    expect(!refused.ok && refused.message).toContain('fraction of a penny');
    expect(penceFromPounds('a lot')).toMatchObject({ ok: false });
  });
});

describe('a tender’s stages are never skipped', () => {
  it('takes each step only at its stage', () => {
    expect(stepProblem('bidding', 'bid')).toBeNull();
    expect(stepProblem('bidding', 'evaluate')).toBeNull();
    expect(stepProblem('evaluated', 'put-award')).toBeNull();
    expect(stepProblem('award-put', 'record-award')).toBeNull();
    expect(stepProblem('bidding', 'put-award')).toContain('no stage is skipped');
    expect(stepProblem('evaluated', 'record-award')).toContain(
      'only when it is at “award put to the consortium”',
    );
    expect(stepProblem('awarded', 'bid')).not.toBeNull();
  });

  it('checks an evaluation: every bid scored within range, one recommended', () => {
    const bids = ['x', 'y'];
    expect(
      evaluationProblems(
        bids,
        [
          { bidId: 'x', qualityScore: 60, priceScore: 40 },
          { bidId: 'y', qualityScore: 0, priceScore: 0 },
        ],
        'x',
      ),
    ).toEqual([]);
    const problems = evaluationProblems(
      bids,
      [{ bidId: 'x', qualityScore: 61, priceScore: 41 }],
      'z',
    ).map((each) => each.message);
    expect(problems).toEqual([
      'Score every bid received, not only some.',
      'A quality score is a whole number from 0 to 60.',
      'A price score is a whole number from 0 to 40.',
      'Recommend one of the bids received.',
    ]);
  });

  it('ranks by total, then quality, then the lower price', () => {
    const ranked = rankBids([
      { bidId: 'a', qualityScore: 40, priceScore: 40, pricePence: 100 },
      { bidId: 'b', qualityScore: 50, priceScore: 30, pricePence: 200 },
      { bidId: 'c', qualityScore: 50, priceScore: 35, pricePence: 300 },
      { bidId: 'd', qualityScore: 50, priceScore: 30, pricePence: 150 },
    ]);
    expect(ranked.map((each) => each.bidId)).toEqual(['c', 'd', 'b', 'a']);
  });
});

describe('the procurement decisions register: complete before the award', () => {
  it('names what is missing', () => {
    expect(registerGaps({ entries: [], conflicts: [], evaluatedOn: null })).toEqual([
      'an entry for the evaluation',
      'an entry for the award recommendation',
    ]);
    expect(
      registerGaps({
        entries: [
          { subject: 'evaluation', participants: 3, decidedOn: '2008-07-01' },
          { subject: 'award-recommendation', participants: 2, decidedOn: '2008-07-01' },
        ],
        evaluatedOn: '2008-07-01',
        conflicts: [
          { personName: 'Ann Example', interest: 'Director of a bidder', management: null },
          { personName: 'Bo Example', interest: 'Shares', management: 'left-the-room' },
        ],
      }),
    ).toEqual(["how Ann Example's declared conflict (Director of a bidder) was managed"]);
  });

  it('after a vote not carried and a new evaluation, asks for the new round’s entries', () => {
    const firstRound = [
      { subject: 'evaluation' as const, participants: 3, decidedOn: '2008-07-01' },
      { subject: 'award-recommendation' as const, participants: 2, decidedOn: '2008-07-01' },
    ];
    expect(registerGaps({ entries: firstRound, conflicts: [], evaluatedOn: '2008-09-10' })).toEqual(
      [
        'an entry for the evaluation of the round evaluated on 10 September 2008 (the entries before that day are of an earlier round)',
        'an entry for the award recommendation of the round evaluated on 10 September 2008 (the entries before that day are of an earlier round)',
      ],
    );
    expect(
      registerGaps({
        entries: [
          ...firstRound,
          { subject: 'evaluation', participants: 3, decidedOn: '2008-09-10' },
          { subject: 'award-recommendation', participants: 2, decidedOn: '2008-09-12' },
        ],
        conflicts: [],
        evaluatedOn: '2008-09-10',
      }),
    ).toEqual([]);
  });
});

describe('CSV fields', () => {
  it('quotes when needed and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
  });
});
