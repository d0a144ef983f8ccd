import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PartyFact, TallyFacts, VoteChoice, VoteFact } from './facts.ts';
import { tally } from './tally.ts';
import {
  attendance,
  constitutionFrom,
  expectErrors,
  expectOk,
  member,
  partnership,
  partnershipDocument,
} from './test-support.ts';

const members = [
  member('e1', 'member', { sector: 'east', office: 'chair' }),
  member('e2', 'member', { sector: 'east' }),
  member('w1', 'member', { sector: 'west' }),
  member('w2', 'member', { sector: 'west' }),
  member('l1', 'lay-member'),
  member('o1', 'observer'),
];
const everyonePresent = attendance({
  e1: 'present',
  e2: 'present',
  w1: 'present',
  w2: 'present',
  l1: 'present',
  o1: 'present',
});

function meeting(votes: Record<string, VoteChoice>, extra: Partial<TallyFacts> = {}): TallyFacts {
  return {
    members,
    attendance: everyonePresent,
    votes: Object.entries(votes).map(([voterId, choice]) => ({ voterId, choice })),
    ...extra,
  };
}

function parties(count: number, share?: (index: number) => number): PartyFact[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `p${index + 1}`,
    name: `PCT ${index + 1}`,
    ...(share ? { share: share(index) } : {}),
  }));
}

function partyVotes(forCount: number, againstCount: number, abstain = 0): VoteFact[] {
  const choices: VoteChoice[] = [
    ...Array<VoteChoice>(forCount).fill('for'),
    ...Array<VoteChoice>(againstCount).fill('against'),
    ...Array<VoteChoice>(abstain).fill('abstain'),
  ];
  return choices.map((choice, index) => ({ voterId: `p${index + 1}`, choice }));
}

describe('tally: simple majority of those present and voting', () => {
  it('carries with more for than against; abstentions are not votes', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'majority' },
        meeting({ e1: 'for', e2: 'for', w1: 'against', w2: 'abstain' }),
      ),
    );
    expect(result).toMatchObject({
      outcome: 'carried',
      isDecision: true,
      counts: { for: 2, against: 1, abstain: 1 },
    });
  });

  it('a tie needs the casting vote of the person presiding and says so', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'majority' },
        meeting({ e1: 'for', e2: 'for', w1: 'against', w2: 'against' }),
      ),
    );
    expect(result).toMatchObject({ outcome: 'castingVoteRequired', isDecision: false });
    expect(result.explanation.summary).toContain('Member e1, presiding,');
  });

  it('the casting vote of the person presiding decides a tie', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'majority' },
        meeting(
          { e1: 'for', e2: 'for', w1: 'against', w2: 'against' },
          { castingVote: { by: 'e1', choice: 'against' } },
        ),
      ),
    );
    expect(result).toMatchObject({
      outcome: 'notCarried',
      castingVoteUsed: true,
      isDecision: true,
    });
  });

  it('refuses a casting vote from someone not presiding, or without a tie', () => {
    const tie = { e1: 'for', e2: 'for', w1: 'against', w2: 'against' } as const;
    expect(
      expectErrors(
        tally(
          partnership(),
          { method: 'majority' },
          meeting(tie, { castingVote: { by: 'w1', choice: 'for' } }),
        ),
      )[0]?.code,
    ).toBe('casting-vote-invalid');
    expect(
      expectErrors(
        tally(
          partnership(),
          { method: 'majority' },
          meeting({ e1: 'for' }, { castingVote: { by: 'e1', choice: 'for' } }),
        ),
      )[0]?.code,
    ).toBe('casting-vote-invalid');
  });

  it('without a casting vote rule, a tie is not carried', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'majority-no-casting' },
        meeting({ e1: 'for', w1: 'against' }),
      ),
    );
    expect(result).toMatchObject({ outcome: 'notCarried' });
    expect(result.explanation.summary).toContain('tied 1–1');
  });

  it('a casting vote is refused under any method that gives none: consensus, a tie without a casting rule, a supermajority', () => {
    for (const method of ['consensus', 'majority-no-casting', 'three-quarters-present']) {
      const errors = expectErrors(
        tally(
          partnership(),
          { method },
          meeting({ e1: 'for', w1: 'against' }, { castingVote: { by: 'e1', choice: 'against' } }),
        ),
      );
      expect(errors[0]?.code, method).toBe('casting-vote-invalid');
      expect(errors[0]?.message, method).toContain('gives no one a casting vote');
    }
  });

  it('leaves out non-voting and conflicted members and reports each with its clause', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'majority' },
        meeting(
          { e1: 'for', w1: 'against', w2: 'against', o1: 'for' },
          {
            itemId: 'item-2',
            conflicts: [
              { memberId: 'w2', itemId: 'item-2', interest: 'shareholder in the bidder' },
            ],
          },
        ),
      ),
    );
    expect(result.counts).toMatchObject({ for: 1, against: 1 });
    expect(result.explanation.excluded).toEqual([
      expect.objectContaining({ id: 'w2', clause: 'T §10' }),
      expect.objectContaining({
        id: 'o1',
        reason: 'holds a non-voting seat (Observer)',
        clause: 'T §6',
      }),
    ]);
  });

  it('leaves out a deputy who may not vote, and an invited attendee', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'majority' },
        {
          members,
          attendance: [
            ...attendance({ e1: 'present', e2: 'present', w1: 'present' }),
            { memberId: 'w2', status: 'deputy' },
          ],
          invitedAttendees: [{ id: 'guest', name: 'Guest' }],
          votes: [
            { voterId: 'e1', choice: 'for' },
            { voterId: 'w2', choice: 'against' },
            { voterId: 'guest', choice: 'against' },
          ],
        },
      ),
    );
    expect(result).toMatchObject({ outcome: 'carried', counts: { for: 1, against: 0 } });
    expect(result.explanation.excluded.map((exclusion) => exclusion.id)).toEqual(['w2', 'guest']);
  });

  it('a binding kind of decision names the bodies it binds', () => {
    const result = expectOk(
      tally(partnership(), { kind: 'binding' }, meeting({ e1: 'for', w1: 'for' })),
    );
    expect(result.binds).toEqual([{ id: 'member-boards', name: 'the member boards' }]);
    expect(result.decisionKind).toMatchObject({ id: 'binding', clause: 'T §17a' });
  });

  it('an inquorate meeting decides nothing', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'majority' },
        {
          members,
          attendance: attendance({ e1: 'present', e2: 'present' }),
          votes: [{ voterId: 'e1', choice: 'for' }],
        },
      ),
    );
    expect(result).toMatchObject({ outcome: 'inquorate', isDecision: false });
    expect(result.explanation.missing[0]).toContain('West sector unrepresented');
  });
});

describe('tally: facts that do not fit are errors', () => {
  it('refuses a vote from someone who is neither member nor invited attendee', () => {
    expect(
      expectErrors(tally(partnership(), { method: 'majority' }, meeting({ ghost: 'for' })))[0]
        ?.code,
    ).toBe('unknown-voter');
  });
  it('refuses two votes from one member', () => {
    const facts = meeting({ e1: 'for' });
    facts.votes.push({ voterId: 'e1', choice: 'against' });
    expect(expectErrors(tally(partnership(), { method: 'majority' }, facts))[0]?.code).toBe(
      'duplicate-vote',
    );
  });
  it('refuses a vote from a member who is not present', () => {
    const facts = {
      ...meeting({ l1: 'for' }),
      attendance: attendance({ e1: 'present', w1: 'present', l1: 'apologies' }),
    };
    expect(expectErrors(tally(partnership(), { method: 'majority' }, facts))[0]?.code).toBe(
      'voter-not-present',
    );
  });
  it('refuses an unknown method or kind', () => {
    expect(expectErrors(tally(partnership(), { method: 'lottery' }, meeting({})))[0]?.code).toBe(
      'unknown-method',
    );
    expect(expectErrors(tally(partnership(), { kind: 'whim' }, meeting({})))[0]?.code).toBe(
      'unknown-kind',
    );
  });
  it('refuses members for a method voted by parties, and parties for one voted by members', () => {
    expect(expectErrors(tally(partnership(), { method: 'consortium' }, meeting({})))[0]?.code).toBe(
      'electorate-mismatch',
    );
    expect(
      expectErrors(
        tally(partnership(), { method: 'majority' }, { parties: parties(2), votes: [] }),
      )[0]?.code,
    ).toBe('electorate-mismatch');
  });
  it('refuses a weighted vote when a share is missing', () => {
    const facts = { parties: parties(3, (index) => index + 1), votes: partyVotes(3, 0) };
    delete facts.parties[1]?.share;
    expect(
      expectErrors(tally(partnership(), { method: 'consortium-by-share' }, facts))[0]?.code,
    ).toBe('missing-share');
  });
});

describe('tally: consensus and reserved matters', () => {
  it('consensus when everyone present and entitled records a view and no one is against', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'consensus' },
        meeting({ e1: 'for', e2: 'for', w1: 'for', w2: 'abstain', l1: 'for' }),
      ),
    );
    expect(result).toMatchObject({ outcome: 'consensus', isDecision: true });
    expect(result.explanation.summary).toContain('every one of the 5 present recorded a view');
  });

  it('where the terms are silent, those saying nothing are not taken to agree, and the result says the reading is an assumption', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'consensus' },
        meeting({ e1: 'for', w1: 'for', w2: 'abstain' }),
      ),
    );
    expect(result).toMatchObject({
      outcome: 'advice',
      consensus: { rule: 'everyMemberPresentRecorded', reached: false },
    });
    expect(result.explanation.summary).toContain(
      '2 of the 5 present recorded no view (Member e2 and Member l1)',
    );
    expect(
      result.explanation.citations.some((citation) =>
        citation.assumption?.includes('Silence is not taken as agreement'),
      ),
    ).toBe(true);
  });

  it('silence is assent only where the terms say so, and the result says so', () => {
    const document = partnershipDocument() as { decisionMethods: Record<string, unknown>[] };
    const consensus = document.decisionMethods.find((method) => method.id === 'consensus');
    if (consensus) {
      consensus.consensusIs = {
        rule: 'silenceIsAssent',
        clause: 'T §11b',
        text: 'Members who do not object are taken to agree.',
      };
    }
    const result = expectOk(
      tally(
        constitutionFrom(document),
        { method: 'consensus' },
        meeting({ e1: 'for', w1: 'for', w2: 'abstain' }),
      ),
    );
    expect(result).toMatchObject({ outcome: 'consensus', isDecision: true });
    expect(result.explanation.summary).toContain(
      '2 members present recorded nothing and are taken to agree, as T §11b says silence is assent',
    );
  });

  it('a sense of the meeting is refused where the chair does not declare consensus', () => {
    const errors = expectErrors(
      tally(
        partnership(),
        { method: 'consensus' },
        meeting({}, { senseOfMeeting: { declaredBy: 'e1', sense: 'agreed' } }),
      ),
    );
    expect(errors[0]?.code).toBe('sense-of-meeting-invalid');
  });

  it('without consensus, advice to the named bodies setting out the range of views', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'consensus' },
        meeting({ e1: 'for', w1: 'against', l1: 'abstain' }),
      ),
    );
    expect(result).toMatchObject({ outcome: 'advice', isDecision: false });
    expect(result.advice?.to).toEqual([{ id: 'member-boards', name: 'the member boards' }]);
    expect(result.rangeOfViews).toEqual({
      for: ['Member e1'],
      against: ['Member w1'],
      abstain: ['Member l1'],
      noViewRecorded: ['Member e2', 'Member w2'],
    });
  });

  it('without consensus, to the dispute procedure where the method says so', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'consensus-or-dispute' },
        meeting({ e1: 'for', w1: 'against' }),
      ),
    );
    expect(result).toMatchObject({
      outcome: 'noConsensus',
      referral: { to: 'disputeProcedure', clause: 'T §11a' },
    });
  });

  it('a reserved matter yields advice, never a decision, naming who decides', () => {
    const result = expectOk(
      tally(
        partnership(),
        { kind: 'policy' },
        meeting({ e1: 'for', e2: 'for', w1: 'for', w2: 'for', l1: 'for' }),
      ),
    );
    expect(result).toMatchObject({ outcome: 'advice', isDecision: false });
    expect(result.advice).toMatchObject({
      decidedBy: [{ id: 'regional-authority' }],
      consensusOnAdvice: true,
    });
    expect(result.explanation.summary).toMatch(
      /^Advice, not a decision: T §16 reserves this matter to Regional Authority/,
    );
  });
});

describe('tally: supermajority with an explicit base', () => {
  it.each([
    [8, 6, 2, 'carried'],
    [8, 5, 3, 'notCarried'],
    [7, 6, 1, 'carried'],
    [7, 5, 2, 'notCarried'],
    [4, 3, 1, 'carried'],
    [4, 2, 2, 'notCarried'],
  ] as const)(
    'three quarters of all %i entitled: %i for and %i against is %s',
    (size, forCount, againstCount, outcome) => {
      const result = expectOk(
        tally(
          partnership(),
          { method: 'consortium' },
          { parties: parties(size), votes: partyVotes(forCount, againstCount) },
        ),
      );
      expect(result.outcome).toBe(outcome);
      expect(result.counts.base).toBe(size);
    },
  );

  it('on the base "all entitled", absence counts against; on "votes cast" it does not', () => {
    const facts = { parties: parties(8), votes: partyVotes(5, 0) };
    expect(expectOk(tally(partnership(), { method: 'consortium' }, facts)).outcome).toBe(
      'notCarried',
    );
    const document = partnershipDocument();
    const consortium = (document.decisionMethods as Array<Record<string, unknown>>)[5] as Record<
      string,
      unknown
    >;
    consortium.base = 'votesCast';
    expect(
      expectOk(tally(constitutionFrom(document), { method: 'consortium' }, facts)).outcome,
    ).toBe('carried');
    consortium.base = 'yesPlusNo';
    const withAbstentions = { parties: parties(8), votes: partyVotes(3, 1, 4) };
    expect(
      expectOk(tally(constitutionFrom(document), { method: 'consortium' }, withAbstentions))
        .outcome,
    ).toBe('carried');
    consortium.base = 'votesCast';
    expect(
      expectOk(tally(constitutionFrom(document), { method: 'consortium' }, withAbstentions))
        .outcome,
    ).toBe('notCarried');
  });

  it('on the base "present", needs presence recorded and counts those present who did not vote', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'three-quarters-present' },
        meeting({ e1: 'for', e2: 'for', w1: 'for', w2: 'for' }),
      ),
    );
    // Five entitled members present (four members and the lay member): 4 of 5 is 80%.
    expect(result).toMatchObject({ outcome: 'carried', counts: { base: 5, needed: 4 } });
  });

  it('weighted by share: the shares, not the heads, must reach the threshold', () => {
    const shares = [40, 20, 10, 10, 10, 10];
    const facts = { parties: parties(6, (index) => shares[index] ?? 0), votes: partyVotes(2, 4) };
    const result = expectOk(tally(partnership(), { method: 'consortium-by-share' }, facts));
    // 60 of 100 by share: not 75%, although no one-vote-each count was taken.
    expect(result).toMatchObject({
      outcome: 'notCarried',
      counts: { base: 100, needed: 75, weightFor: 60 },
    });
    const withThird = { ...facts, votes: partyVotes(3, 3) };
    expect(
      expectOk(tally(partnership(), { method: 'consortium-by-share' }, withThird)).outcome,
    ).toBe('notCarried');
    const largeFor = {
      ...facts,
      votes: [...partyVotes(5, 0), { voterId: 'p6', choice: 'against' as const }],
    };
    expect(
      expectOk(tally(partnership(), { method: 'consortium-by-share' }, largeFor)),
    ).toMatchObject({ outcome: 'carried', counts: { weightFor: 90 } });
  });

  it('beside a weighted count, says what the same votes would have given one vote each', () => {
    // The two largest (40 and 20) and one of 10 for: 70 of 100 by share, 3 of 6 by head.
    const shares = [40, 20, 10, 10, 10, 10];
    const bigFor = {
      parties: parties(6, (index) => shares[index] ?? 0),
      votes: partyVotes(3, 3),
    };
    const lines = expectOk(tally(partnership(), { method: 'consortium-by-share' }, bigFor))
      .explanation.lines;
    expect(lines).toContain(
      'Unweighted, one vote each, the same votes would be 3 for out of a base of 6; 3/4 (75%) of 6 needs 5: it would not have been carried.',
    );
    // Five of six for, the largest against: 60 by share fails, five heads would have carried.
    const smallFor = {
      ...bigFor,
      votes: [{ voterId: 'p1', choice: 'against' as const }, ...partyVotes(6, 0).slice(1)],
    };
    const smallLines = expectOk(tally(partnership(), { method: 'consortium-by-share' }, smallFor))
      .explanation.lines;
    expect(smallLines.at(-1)).toMatch(
      /would be 5 for out of a base of 6.*it would also have been carried/,
    );
  });

  it('a conflicted party is left out of the base', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'consortium' },
        {
          parties: parties(4),
          votes: partyVotes(3, 0),
          conflicts: [{ memberId: 'p4', interest: 'is the incumbent provider' }],
        },
      ),
    );
    expect(result).toMatchObject({ outcome: 'carried', counts: { base: 3, needed: 3 } });
    expect(result.explanation.excluded[0]).toMatchObject({ id: 'p4', clause: 'T §10' });
  });

  it('property: the outcome matches a brute-force count at every boundary, for every base size', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size }))),
        ([size, forCount]) => {
          const result = expectOk(
            tally(
              partnership(),
              { method: 'consortium' },
              { parties: parties(size), votes: partyVotes(forCount, size - forCount) },
            ),
          );
          let needed = 0;
          while (needed * 4 < 3 * size) needed += 1;
          expect(result.counts.needed).toBe(needed);
          expect(result.outcome).toBe(forCount >= needed ? 'carried' : 'notCarried');
        },
      ),
    );
  });
});

describe('property: a tally does not depend on the order of the votes', () => {
  const choice = fc.constantFrom<VoteChoice>('for', 'against', 'abstain');
  it('for members, under every members method', () => {
    fc.assert(
      fc.property(
        fc.record({ e1: choice, e2: choice, w1: choice, w2: choice, l1: choice, o1: choice }),
        fc.constantFrom(
          'majority',
          'majority-no-casting',
          'three-quarters-present',
          'consensus',
          'consensus-or-dispute',
          'reserved',
        ),
        fc.infiniteStream(fc.nat()),
        (choices, method, randomness) => {
          const votes = Object.entries(choices).map(([voterId, vote]) => ({
            voterId,
            choice: vote,
          }));
          const shuffled = [...votes];
          for (let index = shuffled.length - 1; index > 0; index -= 1) {
            const swap = (randomness.next().value as number) % (index + 1);
            [shuffled[index], shuffled[swap]] = [
              shuffled[swap] as VoteFact,
              shuffled[index] as VoteFact,
            ];
          }
          const first = tally(
            partnership(),
            { method },
            { members, attendance: everyonePresent, votes },
          );
          const second = tally(
            partnership(),
            { method },
            { members, attendance: everyonePresent, votes: shuffled },
          );
          expect(second).toEqual(first);
        },
      ),
    );
  });

  it('for parties, weighted or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(choice, fc.integer({ min: 0, max: 1000 })), {
          minLength: 1,
          maxLength: 15,
        }),
        fc.constantFrom('consortium', 'consortium-by-share'),
        (entries, method) => {
          const partyFacts = entries.map(([, share], index) => ({
            id: `p${index}`,
            name: `PCT ${index}`,
            share,
          }));
          const votes = entries.map(([vote], index) => ({ voterId: `p${index}`, choice: vote }));
          const first = tally(partnership(), { method }, { parties: partyFacts, votes });
          const second = tally(
            partnership(),
            { method },
            { parties: partyFacts, votes: [...votes].reverse() },
          );
          expect(second).toEqual(first);
        },
      ),
    );
  });
});

describe('tally: what is missing', () => {
  it('says how many more votes a failed supermajority needed', () => {
    const result = expectOk(
      tally(
        partnership(),
        { method: 'consortium' },
        { parties: parties(8), votes: partyVotes(5, 3) },
      ),
    );
    expect(result.explanation.missing).toEqual(['1 more vote for (6 needed)']);
  });
  it('says a tie awaits the casting vote, and failed consensus lacks consensus', () => {
    const tie = expectOk(
      tally(partnership(), { method: 'majority' }, meeting({ e1: 'for', w1: 'against' })),
    );
    expect(tie.explanation.missing).toEqual(['the casting vote of the person presiding']);
    const split = expectOk(
      tally(partnership(), { method: 'consensus' }, meeting({ e1: 'for', w1: 'against' })),
    );
    expect(split.explanation.missing).toEqual(['consensus']);
  });
});
