import { beforeAll, describe, expect, it } from 'vitest';
import {
  chiefExecutiveIds,
  chiefExecutives2008,
  chair as lcgChair,
  londonCommissioningGroup2008,
  present,
  preset,
  sectors,
} from '../constitutions/testing/london.ts';
import { type Constitution, tally } from '../governance/index.ts';
import {
  choiceText,
  methodFor,
  openSecretBallotRule,
  reasonProblem,
  resultsCsv,
  resultView,
  undecidedAmendments,
} from './decision-rules.ts';

let lcg2008: Constitution;

beforeAll(async () => {
  lcg2008 = await preset('london-commissioning-group-2008');
});

describe('the method a question is decided by', () => {
  it('2008 §Decision-making: a kind of decision names its method', () => {
    const resolved = methodFor(lcg2008, { decisionKind: 'london-wide-view' });
    expect(resolved.ok && resolved.value.method.id).toBe('consensus-with-advice');
  });

  it('2008 §Decision-making: "Decisions on policy and strategy are reserved to PCTs and NHS London" — another method for that kind is refused', () => {
    const refused = methodFor(lcg2008, {
      decisionKind: 'policy-and-strategy',
      methodId: 'consensus-with-advice',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.field).toBe('methodId');
      expect(refused.message).toContain('reserved matter');
      expect(refused.message).toContain('2008 §Decision-making');
    }
  });

  it('asks for a kind (or a method) when given neither', () => {
    const refused = methodFor(lcg2008, {});
    expect(refused.ok).toBe(false);
  });
});

describe('views, reasons and amendments', () => {
  it('consensus views are agree, object and stand aside; votes are for, against and abstain', () => {
    expect(choiceText('consensus', 'against')).toBe('Object');
    expect(choiceText('consensus', 'abstain')).toBe('Stand aside');
    expect(choiceText('simpleMajority', 'against')).toBe('Against');
  });

  it('an objection needs a reason; a vote against does not', () => {
    expect(reasonProblem('consensus', 'against', '  ')).toContain('reason');
    expect(reasonProblem('consensus', 'against', 'Too far to travel')).toBeUndefined();
    expect(reasonProblem('simpleMajority', 'against', undefined)).toBeUndefined();
  });

  it('only draft and open amendments hold up the main question', () => {
    expect(
      undecidedAmendments([{ status: 'closed' }, { status: 'open' }, { status: 'withdrawn' }]),
    ).toEqual([{ status: 'open' }]);
  });
});

describe('a secret ballot shows counts, never names', () => {
  it('leaves out every sentence naming someone who voted, keeping who has not voted', () => {
    const members = londonCommissioningGroup2008();
    const here = [lcgChair.id, ...chiefExecutiveIds([...sectors], 2).slice(0, 9)];
    const [objector, ...agreeing] = here;
    const result = tally(
      lcg2008,
      { kind: 'london-wide-view' },
      {
        members,
        attendance: present(members, here),
        votes: [
          { voterId: objector!, choice: 'against' },
          ...agreeing.map((voterId) => ({ voterId, choice: 'for' as const })),
        ],
      },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const names = members.filter((member) => here.includes(member.id)).map((m) => m.name);
    const view = resultView(result.value, 'secret');
    expect(view.counts).toMatchObject({ for: 9, against: 1 });
    const shown = JSON.stringify(view);
    for (const name of names) expect(shown).not.toContain(name);
    const named = resultView(result.value, 'named');
    expect(named.rangeOfViews.against).toEqual([
      members.find((member) => member.id === objector)!.name,
    ]);
    expect(chiefExecutives2008().length).toBe(10);
  });
});

describe('results as CSV', () => {
  const counts = { for: 2, against: 1, abstain: 0, noVote: 1 };
  const votes = [
    {
      voterName: 'Ann Example',
      choice: 'against' as const,
      reason: '=HYPERLINK("x"), too far',
      castBy: 'Ann Example',
      byProxy: false,
      castAt: '2026-12-10T14:05:00.000Z',
    },
  ];

  it('a named ballot has one row per voter, quoted and safe from spreadsheet formulas', () => {
    const csv = resultsCsv({
      ballot: 'named',
      methodKind: 'consensus',
      counts,
      outcome: 'x',
      votes,
    });
    expect(csv.split('\r\n')[1]).toBe(
      `Ann Example,Object,"'=HYPERLINK(""x""), too far",Ann Example,no,2026-12-10T14:05:00.000Z`,
    );
  });

  it('a secret ballot has the counts only', () => {
    const csv = resultsCsv({
      ballot: 'secret',
      methodKind: 'consensus',
      counts,
      outcome: 'x',
      votes,
    });
    expect(csv).not.toContain('Ann Example');
    expect(csv).toContain('Agree,2');
    expect(csv).toContain('No view recorded,');
  });

  it('issue 22: views for consensus, votes for a vote — the columns and rows say which', () => {
    const named = resultsCsv({
      ballot: 'named',
      methodKind: 'supermajority',
      counts,
      outcome: 'x',
      votes,
    });
    expect(named.split('\r\n')[0]).toBe('voter,vote,reason,cast_by,by_proxy,cast_at');
    const secret = resultsCsv({
      ballot: 'secret',
      methodKind: 'simpleMajority',
      counts,
      outcome: 'x',
      votes,
    });
    expect(secret.split('\r\n')[0]).toBe('vote,count');
    expect(secret).toContain('No vote recorded,');
    expect(secret).not.toContain('view');
  });
});

describe('what an open secret ballot shows (review finding 3)', () => {
  it('while open, who has voted is hidden unless the terms show it; a named ballot or a closed one hides nothing', async () => {
    const terms = await preset('london-commissioning-group-2008');
    const showing = {
      ...terms,
      secretBallots: {
        whoHasVoted: 'shown' as const,
        clause: '2008 §Decision-making',
        text: 'The secretariat may say who has voted in a secret ballot.',
      },
    };
    expect(openSecretBallotRule(terms, { ballot: 'secret', status: 'open' })).toEqual({
      secretAndOpen: true,
      whoHasVotedShown: false,
    });
    expect(openSecretBallotRule(showing, { ballot: 'secret', status: 'open' })).toEqual({
      secretAndOpen: true,
      whoHasVotedShown: true,
    });
    expect(openSecretBallotRule(terms, { ballot: 'named', status: 'open' }).whoHasVotedShown).toBe(
      true,
    );
    expect(openSecretBallotRule(terms, { ballot: 'secret', status: 'closed' })).toEqual({
      secretAndOpen: false,
      whoHasVotedShown: true,
    });
  });
});
