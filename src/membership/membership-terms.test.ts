import { beforeAll, describe, expect, it } from 'vitest';
import { preset } from '../constitutions/testing/london.ts';
import type { Constitution } from '../governance/index.ts';
import {
  deputiesRule,
  deputyPeriodProblems,
  electedOffice,
  electionProblems,
  invitedAttendeesRule,
  periodProblems,
  termStatus,
} from './membership-terms.ts';

let lcg2006: Constitution;
let lcg2008: Constitution;

beforeAll(async () => {
  lcg2006 = await preset('london-commissioning-group-2006');
  lcg2008 = await preset('london-commissioning-group-2008');
});

describe('terms with a start and an end', () => {
  it('warns within 60 days of the last day, and not before or after', () => {
    expect(termStatus(null, '2026-11-23')).toBeNull();
    expect(termStatus('2026-12-31', '2026-11-23')).toEqual({
      endsOn: '2026-12-31',
      daysLeft: 38,
      endingSoon: true,
    });
    expect(termStatus('2027-01-22', '2026-11-23')?.endingSoon).toBe(true);
    expect(termStatus('2027-01-23', '2026-11-23')?.endingSoon).toBe(false);
    expect(termStatus('2026-11-23', '2026-11-23')).toMatchObject({ daysLeft: 0, endingSoon: true });
    expect(termStatus('2026-11-22', '2026-11-23')?.endingSoon).toBe(false);
  });

  it('refuses a last day before the first, naming the field', () => {
    expect(periodProblems({ startsOn: '2026-01-01', endsOn: '2026-01-01' })).toEqual([]);
    expect(periodProblems({ startsOn: '2026-01-02', endsOn: '2026-01-01' })).toEqual([
      {
        field: 'endsOn',
        message:
          'The last day (2026-01-01) is before the first (2026-01-02); enter a last day on or after it.',
      },
    ]);
  });

  it("keeps a deputy within the member's holding", () => {
    const holding = { personName: 'Alex Example', startsOn: '2008-01-01', endsOn: '2008-12-31' };
    expect(deputyPeriodProblems({ startsOn: '2008-02-01', endsOn: '2008-12-31' }, holding)).toEqual(
      [],
    );
    expect(deputyPeriodProblems({ startsOn: '2007-12-01', endsOn: '2008-06-30' }, holding)).toEqual(
      [
        {
          field: 'startsOn',
          message:
            "Alex Example's membership starts on 2008-01-01; a deputy for them cannot start before it.",
        },
      ],
    );
    expect(
      deputyPeriodProblems({ startsOn: '2008-02-01', endsOn: null }, holding).map(
        (problem) => problem.field,
      ),
    ).toEqual(['endsOn']);
  });
});

describe('deputies and invited attendees as the terms put them', () => {
  it('2008 §Membership, commentary: "the expectation is that PCT Chief Executives will attend every meeting" — a deputy neither counts nor votes (assumed)', () => {
    const rule = deputiesRule(lcg2008);
    expect(rule.summary).toBe(
      "A deputy attending in a member's place does not count toward the quorum and may not vote.",
    );
    expect(rule.clause).toBe('2008 §Membership, commentary');
    expect(rule.assumption).toContain('The arrangements do not mention deputies');
  });

  it('2006 §105: "The Group will co-opt members or invite external attendance on specific issues"; the 2008 terms say nothing of it', () => {
    expect(invitedAttendeesRule(lcg2006)).toMatchObject({
      clause: '2006 §105',
      text: 'The Group will co-opt members or invite external attendance on specific issues',
    });
    expect(invitedAttendeesRule(lcg2008)).toMatchObject({ clause: null, text: null });
  });
});

describe('elections', () => {
  it('2006 §105: "The Group will elect a Chair" — the chair is elected, a 2008 ex officio chair is not', () => {
    expect(
      electedOffice(lcg2006, {
        seatRole: 'sector-nominated-chief-executive',
        fillMethod: 'nominated',
        office: 'chair',
      }),
    ).toEqual({ what: 'the chair', clause: '2006 §105', text: 'The Group will elect a Chair' });
    expect(
      electedOffice(lcg2006, {
        seatRole: 'sector-nominated-chief-executive',
        fillMethod: 'nominated',
        office: null,
      }),
    ).toBeNull();
    expect(
      electedOffice(lcg2008, {
        seatRole: 'nhs-london-chief-executive',
        fillMethod: 'exOfficio',
        office: 'chair',
      }),
    ).toBeNull();
  });

  it('SI 2000/89 Sch 2: "questions decided by a majority of those present and voting" — more than half the votes cast, a tie elects no one', () => {
    const base = { heldOn: '2006-12-14', holdingStartsOn: '2007-01-01', today: '2026-11-23' };
    expect(electionProblems({ ...base, votesFor: 3, votesCast: 5 })).toEqual([]);
    expect(electionProblems({ ...base, votesFor: 3, votesCast: 6 })[0]?.field).toBe('votesFor');
    expect(electionProblems({ ...base, votesFor: 6, votesCast: 5 })[0]?.message).toBe(
      'Votes for (6) cannot be more than the votes cast (5).',
    );
    expect(electionProblems({ ...base, votesFor: 0, votesCast: 0 })[0]?.field).toBe('votesCast');
    expect(electionProblems({ ...base, heldOn: '2007-01-02', votesFor: 3, votesCast: 5 })).toEqual([
      {
        field: 'heldOn',
        message:
          'The membership started on 2007-01-01; the election that filled it must be held on or before that day.',
      },
    ]);
    expect(
      electionProblems({ ...base, heldOn: '2026-11-24', votesFor: 3, votesCast: 5 })[0]?.message,
    ).toContain('cannot be recorded before it is held');
  });
});
