/**
 * The rules of London: Commissioning for Health (2006) — the Duty of Partnership, the terms of
 * reference of the Local and London Commissioning Groups and the Dispute Resolution Procedure —
 * each tested against the presets that encode them. Test names give the clause and quote it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  adoptionStatus,
  type Constitution,
  constitutionInForce,
  type DisputeHistoryEntry,
  evaluateQuorum,
  type MemberFact,
  nextDisputeStep,
  type PartyFact,
  parseConstitution,
  presidingMember,
  reviewStatus,
  tally,
  type VoteChoice,
  validateComposition,
} from '../governance/index.ts';
import { expectErrors, expectOk } from '../governance/test-support.ts';
import { present, preset, sectors } from './testing/london.ts';

let london2006: Constitution;
let london2008: Constitution;
let northWest: Constitution;
let localGroups: Constitution[];
beforeAll(async () => {
  london2006 = await preset('london-commissioning-group-2006');
  london2008 = await preset('london-commissioning-group-2008');
  northWest = await preset('local-commissioning-group-2006-north-west');
  localGroups = await Promise.all(
    sectors.map((sector) => preset(`local-commissioning-group-2006-${sector}`)),
  );
});

/** The 2006 London group: one chief executive nominated by each Local Commissioning Group. */
function london2006Members(): MemberFact[] {
  const pcts = ['Brent Teaching PCT', 'Camden PCT', 'Newham PCT', 'Lambeth PCT', 'Croydon PCT'];
  return [
    ...sectors.map((sector, index) => ({
      id: `ce-${sector}`,
      name: `${pcts[index]} Chief Executive`,
      role: 'sector-nominated-chief-executive',
      sector,
      post: 'chief-executive',
      organisation: { id: `pct-${sector}`, type: 'primary-care-trust' },
      ...(index === 0 ? { office: 'chair' as const } : {}),
    })),
    {
      id: 'sha',
      name: 'SHA representative',
      role: 'sha-representative',
      organisation: { id: 'nhs-london' },
    },
  ];
}

/** The North West Local Commissioning Group: each constituent PCT's chief executive. */
function northWestMembers(): MemberFact[] {
  return (northWest.constituents ?? []).map((pct, index) => ({
    id: `ce-${pct.id}`,
    name: `${pct.name} Chief Executive`,
    role: 'constituent-pct-chief-executive',
    post: 'chief-executive',
    organisation: { id: pct.id, name: pct.name },
    ...(index === 0 ? { office: 'chair' as const } : {}),
  }));
}

function consortium(size: number): PartyFact[] {
  return Array.from({ length: size }, (_, index) => ({
    id: `pct-${index + 1}`,
    name: `Consortium PCT ${index + 1}`,
  }));
}

function consortiumVote(
  forCount: number,
  againstCount: number,
): Array<{ voterId: string; choice: VoteChoice }> {
  return Array.from({ length: forCount + againstCount }, (_, index) => ({
    voterId: `pct-${index + 1}`,
    choice: index < forCount ? 'for' : 'against',
  }));
}

describe("2006 §2.1: 'create formal partnerships between PCT's (‘Local Commissioning Groups’)' — kinds of decision", () => {
  it.each([
    [
      'cannot-be-taken-unilaterally',
      '2006 §2.1(a)',
      'Decisions on services that cannot be taken unilaterally',
    ],
    [
      'joint-working-adds-value',
      '2006 §2.1(b)',
      'Decisions which could potentially be taken unilaterally but where it is agreed that joint working will add value',
    ],
    ['lead-commissioning', '2006 §2.1(c)', 'Lead commissioning arrangements'],
  ])(
    "%s (%s): '%s' is recorded with its clause and decided by agreement",
    (kind, clause, words) => {
      for (const group of localGroups) {
        const found = group.decisionKinds.find((entry) => entry.id === kind);
        expect(found).toMatchObject({ clause, method: 'agreement-or-dispute-procedure' });
        expect(found?.text).toContain(words);
      }
    },
  );
});

describe("2006 §2.2: 'a formal London wide Commissioning partnership (the ‘London Commissioning Group’)' — kinds of decision", () => {
  it.each([
    [
      'london-wide-view',
      '2006 §2.2(a)',
      'Decisions that require a London wide view or commissioning base',
    ],
    [
      'coordination-between-sectors',
      '2006 §2.2(b)',
      'Decisions that need close co-ordination between Sectors',
    ],
    ['joint-working-adds-value', '2006 §2.2(c)', 'where joint working will add value'],
  ])("%s (%s): '%s' — each decision records its kind and clause", (kind, clause, words) => {
    const members = london2006Members();
    const result = expectOk(
      tally(
        london2006,
        { kind },
        {
          members,
          attendance: present(
            members,
            members.map((member) => member.id),
          ),
          votes: [{ voterId: 'ce-north-west', choice: 'for' }],
        },
      ),
    );
    expect(result.decisionKind).toMatchObject({ id: kind, clause });
    expect(result.explanation.citations[0]?.text).toContain(words);
  });
});

describe("2006 §3.2: 'it is not proposed that an agency providing this support becomes, in itself, a decision making body'", () => {
  it('a constitution naming the Commissioning Business Service as deciding is refused', () => {
    const document = structuredClone(london2006) as unknown as {
      disputes: { categories: Array<{ ladder: Array<Record<string, unknown>> }> };
    };
    const ladder = document.disputes.categories[1]?.ladder ?? [];
    (ladder[3] as Record<string, unknown>).by = 'commissioning-business-service';
    const parsed = parseConstitution(document);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues[0]).toMatchObject({ code: 'not-decision-making' });
      expect(parsed.issues[0]?.message).toContain('2006 §3.2');
    }
  });
});

describe("2006 §103: 'Each PCT Board is asked to approve formally the remit of the Local and London Commissioning Groups and confirm its intent to act in partnership.'", () => {
  it('shows who has and has not adopted each version, with date and minute', () => {
    const boards = [
      { id: 'brent', name: 'Brent Teaching PCT Board' },
      { id: 'camden', name: 'Camden PCT Board' },
    ];
    const adoptions = [
      { boardId: 'brent', version: 1, adoptedOn: '2006-06-28', minuteReference: 'BTPCT/06/112' },
      { boardId: 'camden', version: 1, adoptedOn: '2006-07-12', minuteReference: 'CPCT/06/87' },
      { boardId: 'brent', version: 2, adoptedOn: '2008-01-30', minuteReference: 'BTPCT/08/15' },
    ];
    const version1 = expectOk(adoptionStatus(london2006, { boards, adoptions }, '2006-07-31'));
    expect(version1.notAdopted).toEqual([]);
    const version2 = expectOk(adoptionStatus(london2008, { boards, adoptions }, '2008-02-15'));
    expect(version2.adopted.map((entry) => entry.minuteReference)).toEqual(['BTPCT/08/15']);
    expect(version2.notAdopted).toEqual([{ boardId: 'camden', name: 'Camden PCT Board' }]);
    expect(version1.explanation.clause).toBe('2006 §103');
  });
});

describe("2006 §103: 'The Commissioning Groups will consist of PCT Chief Executives as a minimum, with SHA representation on the London Commissioning Group.'", () => {
  it('the London group without its SHA representative has a vacancy', () => {
    const result = expectOk(
      validateComposition(
        london2006,
        london2006Members().filter((member) => member.id !== 'sha'),
      ),
    );
    expect(result.vacancies).toEqual([
      expect.objectContaining({ role: 'sha-representative', clause: '2006 §105' }),
    ]);
  });
});

describe("2006 §105: 'Each Local Commissioning Group will nominate a Chief Executive representative onto the London Commissioning Group'", () => {
  it('one chief executive per sector is allowed; a second from one sector is refused', () => {
    expect(expectOk(validateComposition(london2006, london2006Members())).complete).toBe(true);
    const second = {
      ...(london2006Members()[1] as MemberFact),
      id: 'ce-north-central-2',
      office: undefined,
    };
    const result = expectOk(validateComposition(london2006, [...london2006Members(), second]));
    expect(result.refusals[0]).toMatchObject({ clause: '2006 §105', sector: 'north-central' });
  });
});

describe("2006 §105: 'the SHA  will  nominate its representative'", () => {
  it('a representative recorded as nominated by someone else is refused', () => {
    const members = london2006Members().map((member) =>
      member.id === 'sha'
        ? { ...member, filledBy: { method: 'nominated' as const, by: 'london-pcts' } }
        : member,
    );
    expect(expectOk(validateComposition(london2006, members)).refusals[0]).toMatchObject({
      finding: 'wrongRoute',
    });
  });
});

describe("2006 §105: 'The Group will elect a Chair'", () => {
  it('until a chair is elected the office is vacant', () => {
    const unchaired = london2006Members().map(({ office: _office, ...member }) => member);
    const result = expectOk(validateComposition(london2006, unchaired));
    expect(result.vacancies).toEqual([
      expect.objectContaining({ finding: 'officeUnfilled', clause: '2006 §105' }),
    ]);
  });
});

describe("2006 §105 and §107: 'The Group will co-opt members or invite external attendance on specific issues'", () => {
  it('co-opted members and invited attendees are recorded but their votes are not counted', () => {
    const members = [
      ...london2006Members(),
      { id: 'coopted', name: 'Co-opted member', role: 'co-opted-member' },
    ];
    const result = expectOk(
      tally(
        london2006,
        { method: 'agreement-or-dispute-procedure' },
        {
          members,
          attendance: present(
            members,
            members.map((member) => member.id),
          ),
          invitedAttendees: [{ id: 'guest', name: 'Invited clinician' }],
          // Every PCT member present records a view: agreement is each member's (2006 §111).
          votes: [
            ...sectors.map((sector) => ({ voterId: `ce-${sector}`, choice: 'for' as const })),
            { voterId: 'coopted', choice: 'against' },
            { voterId: 'guest', choice: 'against' },
          ],
        },
      ),
    );
    expect(result.outcome).toBe('consensus');
    expect(result.explanation.excluded.map((exclusion) => exclusion.id)).toEqual([
      'sha',
      'coopted',
      'guest',
    ]);
  });
});

describe("2006 §107: 'Each constituent PCT Chief Executive will be a member.'", () => {
  it('every constituent PCT’s chief executive makes the group complete', () => {
    const result = expectOk(validateComposition(northWest, northWestMembers()));
    expect(result).toMatchObject({ valid: true, complete: true });
    expect(northWestMembers()).toHaveLength(8);
  });

  it('a constituent without its chief executive is a vacancy naming the PCT', () => {
    const result = expectOk(
      validateComposition(
        northWest,
        northWestMembers().filter((member) => member.id !== 'ce-harrow-pct'),
      ),
    );
    expect(result.vacancies[0]?.message).toContain(
      'Constituent PCT Chief Executive from Harrow PCT: 0',
    );
  });

  it('the chief executive of a PCT in another sector is refused', () => {
    const outsider: MemberFact = {
      id: 'ce-camden',
      name: 'Camden PCT Chief Executive',
      role: 'constituent-pct-chief-executive',
      post: 'chief-executive',
      organisation: { id: 'camden-pct', name: 'Camden PCT', type: 'primary-care-trust' },
    };
    const result = expectOk(validateComposition(northWest, [...northWestMembers(), outsider]));
    expect(result.refusals[0]?.message).toContain(
      'the seat is for someone from a constituent body, but Camden PCT is not one',
    );
  });

  it('every London PCT is a constituent of exactly one sector’s Local Commissioning Group (31 in all)', () => {
    const all = localGroups.flatMap((group) => (group.constituents ?? []).map((pct) => pct.id));
    expect(all).toHaveLength(31);
    expect(new Set(all).size).toBe(31);
  });
});

describe("2006 §107: 'Each Group will also determine appropriate clinical and technical membership.'", () => {
  it('clinical and technical members may be appointed and take part, without a vote', () => {
    const members = [
      ...northWestMembers(),
      { id: 'gp', name: 'GP lead', role: 'clinical-member' },
      { id: 'analyst', name: 'Analyst', role: 'technical-member' },
    ];
    expect(expectOk(validateComposition(northWest, members)).valid).toBe(true);
    expect(northWest.seats.find((seat) => seat.role === 'clinical-member')?.voting).toMatchObject({
      entitled: false,
      clause: '2006 §111',
    });
  });
});

describe("2006 §107: 'The Group will elect its Chair'", () => {
  it('a Local Commissioning Group elects its chair from among its members', () => {
    expect(northWest.chair.selection.method).toBe('elected');
    expect(expectOk(validateComposition(northWest, northWestMembers())).vacancies).toEqual([]);
  });
});

describe("2006 §108: 'The Local Commissioning Groups will meet monthly' and 'The London Commissioning Group will meet monthly'", () => {
  it('every 2006 group meets monthly', () => {
    for (const group of [london2006, ...localGroups])
      expect(group.meetings.cadence).toMatchObject({ every: 'month', clause: '2006 §108' });
  });
});

describe("2006 §110: 'The Group will be accountable to the London PCTs within the performance management framework of the London SHA.'", () => {
  it('the London group accounts to the London PCTs; the SHA’s performance management runs alongside disputes', () => {
    expect(london2006.accountableTo[0]).toMatchObject({ to: ['london-pcts'], clause: '2006 §110' });
    expect(london2006.disputes?.alongside).toMatchObject({ performanceManagementBy: 'nhs-london' });
  });
});

describe("2006 §110: 'The Group will be accountable to its constituent PCTs. Copies of the minutes of all meetings will be supplied to each PCT, and the Group shall produce an annual report of its activities for submission to each PCT Board.'", () => {
  it('a Local Commissioning Group accounts to, and sends minutes and an annual report to, each constituent PCT', () => {
    expect(northWest.accountableTo[0]?.to).toEqual(['constituents']);
    expect(northWest.reporting?.map((duty) => [duty.report, duty.frequency, duty.to])).toEqual([
      ['minutes', 'everyMeeting', ['constituents']],
      ['annualReport', 'annually', ['constituents']],
    ]);
  });
});

describe("2006 §111: 'reaching agreement amongst the PCT members of the Local and London Commissioning Groups'", () => {
  it('only PCT members take part: the SHA representative’s objection does not block agreement', () => {
    const members = london2006Members();
    const result = expectOk(
      tally(
        london2006,
        { method: 'agreement-or-dispute-procedure' },
        {
          members,
          attendance: present(
            members,
            members.map((member) => member.id),
          ),
          votes: [
            ...sectors.map((sector) => ({ voterId: `ce-${sector}`, choice: 'for' as const })),
            { voterId: 'sha', choice: 'against' },
          ],
        },
      ),
    );
    expect(result.outcome).toBe('consensus');
    expect(result.explanation.excluded[0]).toMatchObject({ id: 'sha', clause: '2006 §111' });
  });

  it('agreement is each PCT member’s: one in agreement and four saying nothing is not agreement, and the matter goes to the dispute procedure', () => {
    const members = london2006Members();
    const result = expectOk(
      tally(
        london2006,
        { method: 'agreement-or-dispute-procedure' },
        {
          members,
          attendance: present(
            members,
            members.map((member) => member.id),
          ),
          votes: [{ voterId: 'ce-north-west', choice: 'for' }],
        },
      ),
    );
    expect(result).toMatchObject({
      outcome: 'noConsensus',
      isDecision: false,
      consensus: { rule: 'everyMemberPresentRecorded', clause: '2006 §111', reached: false },
    });
    expect(result.explanation.summary).toContain('4 of the 5 present recorded no view');
    expect(result.explanation.summary).not.toMatch(/^Decided by consensus/);
    expect(
      result.explanation.citations.some((citation) =>
        citation.assumption?.includes('Silence is not taken as agreement'),
      ),
    ).toBe(true);
  });
});

describe("2006 §111: 'PCTs by agreeing to the “Duty of Partnership” and the establishment of the Commissioning Groups agree to adhere to these procedures'", () => {
  it('without agreement, the matter goes to the dispute resolution procedure', () => {
    const members = london2006Members();
    const result = expectOk(
      tally(
        london2006,
        { kind: 'london-wide-view' },
        {
          members,
          attendance: present(
            members,
            members.map((member) => member.id),
          ),
          votes: [
            { voterId: 'ce-north-west', choice: 'for' },
            { voterId: 'ce-south-east', choice: 'against' },
          ],
        },
      ),
    );
    expect(result).toMatchObject({
      outcome: 'noConsensus',
      isDecision: false,
      referral: { to: 'disputeProcedure', clause: '2006 §111' },
    });
  });
});

describe("2006 §111: 'Disputes and issues requiring agreement will be categorised under three headings'", () => {
  it('collective procurement, service development and major service reconfiguration', () => {
    for (const group of [london2006, london2008, ...localGroups]) {
      expect(group.disputes?.categories.map((category) => category.id)).toEqual([
        'collective-procurement',
        'service-development',
        'major-service-reconfiguration',
      ]);
    }
  });

  it("'major service reconfiguration as defined by the policy to be agreed by the London Commissioning Group and PCTs': the definition is recorded", () => {
    expect(london2006.disputes?.categories[2]?.definedBy?.clause).toBe('2006 §111');
  });
});

describe("2006 §111: 'Disputes involving issues about collective procurement will normally be resolved by a 75% majority.'", () => {
  it('a vote of 6 for and 2 against among 8 consortium members passes at 75%', () => {
    const result = expectOk(
      tally(
        london2006,
        { method: 'collective-procurement-majority' },
        { parties: consortium(8), votes: consortiumVote(6, 2) },
      ),
    );
    expect(result).toMatchObject({
      outcome: 'carried',
      isDecision: true,
      counts: { for: 6, against: 2, base: 8, needed: 6 },
    });
    expect(result.explanation.summary).toBe(
      'Carried under 2006 §111: 6 for out of a base of 8; 3/4 (75%) of 8 needs 6.',
    );
  });

  it('a vote of 5 for and 3 against among 8 consortium members fails', () => {
    const result = expectOk(
      tally(
        london2006,
        { method: 'collective-procurement-majority' },
        { parties: consortium(8), votes: consortiumVote(5, 3) },
      ),
    );
    expect(result).toMatchObject({ outcome: 'notCarried', counts: { needed: 6 } });
    expect(result.explanation.lines).toContain(
      'Threshold 3/4 (75%) of 8 needs 6: 5 × 4 = 20 < 3 × 8 = 24.',
    );
  });

  it('75% of 7 needs 6 and 75% of 4 needs 3', () => {
    expect(
      expectOk(
        tally(
          london2006,
          { method: 'collective-procurement-majority' },
          { parties: consortium(7), votes: consortiumVote(5, 2) },
        ),
      ).outcome,
    ).toBe('notCarried');
    expect(
      expectOk(
        tally(
          london2006,
          { method: 'collective-procurement-majority' },
          { parties: consortium(7), votes: consortiumVote(6, 1) },
        ),
      ).outcome,
    ).toBe('carried');
    expect(
      expectOk(
        tally(
          london2006,
          { method: 'collective-procurement-majority' },
          { parties: consortium(4), votes: consortiumVote(3, 1) },
        ),
      ).outcome,
    ).toBe('carried');
  });

  it('the collective procurement dispute ladder is that vote', () => {
    const next = expectOk(
      nextDisputeStep(
        london2006,
        { category: 'collective-procurement', history: [] },
        '2007-01-15',
      ),
    );
    expect(next.step).toMatchObject({ step: 'vote', clause: '2006 §111' });
  });
});

describe("2006 §111: 'Procurement consortia will need to determine the detailed implementation of this arrangement' and 'Any new procurement consortium will agree its financial and decision making arrangements at inception'", () => {
  it('the base of the 75% is an assumption the preset states, and a consortium may set its own base and weighting', () => {
    const method = london2006.decisionMethods.find(
      (entry) => entry.id === 'collective-procurement-majority',
    );
    expect(method).toMatchObject({
      base: 'allEntitled',
      assumption: { reason: expect.stringContaining('does not say what the 75% is of') },
    });
    // Absent members count against on the preset's base; a consortium that agreed "votes cast" differs.
    const sixOfEightVoting = { parties: consortium(9), votes: consortiumVote(6, 2) };
    expect(
      expectOk(tally(london2006, { method: 'collective-procurement-majority' }, sixOfEightVoting))
        .outcome,
    ).toBe('notCarried');
    const byShare = structuredClone(london2006) as unknown as {
      decisionMethods: Array<Record<string, unknown>>;
    };
    Object.assign(byShare.decisionMethods[1] as object, {
      base: 'votesCast',
      weighting: {
        by: 'share',
        clause: '2006 §111',
        text: 'Any new procurement consortium will agree its financial and decision making arrangements at inception',
      },
    });
    const parsed = parseConstitution(byShare);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const shares = [30, 20, 10, 10, 10, 10, 5, 5];
    const parties = consortium(8).map((party, index) => ({ ...party, share: shares[index] ?? 0 }));
    const weighted = expectOk(
      tally(
        parsed.constitution,
        { method: 'collective-procurement-majority' },
        { parties, votes: consortiumVote(6, 2) },
      ),
    );
    expect(weighted).toMatchObject({
      outcome: 'carried',
      counts: { base: 100, needed: 75, weightFor: 90 },
    });
  });
});

describe("2006 §112: 'Groups will decide in advance of considering a specific piece of joint work around service development or service reconfiguration a process for decision making and how they intend to deal with a failure to agree.'", () => {
  it('the first step is to agree the process; joint work recorded before it is refused', () => {
    const first = expectOk(
      nextDisputeStep(london2006, { category: 'service-development', history: [] }, '2007-01-15'),
    );
    expect(first).toMatchObject({
      status: 'next',
      step: { step: 'agreeProcess', clause: '2006 §112' },
    });
    const premature: DisputeHistoryEntry[] = [
      { step: 'mediation-by-chair', date: '2007-01-10', by: 'Chair', outcome: 'notAgreed' },
    ];
    const errors = expectErrors(
      nextDisputeStep(
        london2006,
        { category: 'major-service-reconfiguration', history: premature },
        '2007-01-15',
      ),
    );
    expect(errors[0]).toMatchObject({ code: 'dispute-history-invalid', clause: '2006 §112' });
  });
});

describe("2006 §112: 'Disagreements will be subject to mediation within the Group, conducted by the Chair, but if at the end of the review PCTs cannot agree on their recommendations, then the SHA would be asked to facilitate reaching a decision.'", () => {
  const agreed: DisputeHistoryEntry = {
    step: 'agree-decision-process',
    date: '2007-01-10',
    by: 'Group secretary',
    outcome: 'agreed',
  };
  const mediated: DisputeHistoryEntry = {
    step: 'mediation-by-chair',
    date: '2007-03-10',
    by: 'Chair',
    outcome: 'notAgreed',
  };
  it('a disagreement goes first to mediation by the chair', () => {
    expect(
      expectOk(
        nextDisputeStep(
          london2006,
          { category: 'service-development', history: [agreed] },
          '2007-02-01',
        ),
      ).step,
    ).toMatchObject({
      step: 'mediation',
      by: 'the chair',
    });
  });
  it('after failed mediation, the SHA is asked to facilitate at the end of the review, not before', () => {
    const during = expectOk(
      nextDisputeStep(
        london2006,
        { category: 'service-development', history: [agreed, mediated] },
        '2007-04-01',
      ),
    );
    expect(during.status).toBe('waiting');
    const after = expectOk(
      nextDisputeStep(
        london2006,
        {
          category: 'service-development',
          history: [agreed, mediated],
          reviewEndedOn: '2007-03-31',
        },
        '2007-04-01',
      ),
    );
    expect(after).toMatchObject({
      status: 'next',
      step: { step: 'facilitation', by: 'NHS London (the London SHA)' },
    });
  });
});

describe("2006 §112: 'This will involve agreement to the prospective service review and sign off at the end of the process by the sponsoring PCT Boards.'", () => {
  it('after agreement, every sponsoring PCT Board signs off; each step is dated, attributed and kept', () => {
    const history: DisputeHistoryEntry[] = [
      {
        step: 'agree-decision-process',
        date: '2007-01-10',
        by: 'Group secretary',
        outcome: 'agreed',
      },
      {
        step: 'mediation-by-chair',
        date: '2007-03-10',
        by: 'Chair',
        outcome: 'agreed',
        note: 'cardiology pathway agreed',
      },
      {
        step: 'sponsoring-board-sign-off',
        date: '2007-04-20',
        by: 'Board secretary',
        outcome: 'signedOff',
        board: 'lambeth',
      },
    ];
    const boards = [
      { id: 'lambeth', name: 'Lambeth PCT Board' },
      { id: 'southwark', name: 'Southwark PCT Board' },
    ];
    const result = expectOk(
      nextDisputeStep(
        london2006,
        { category: 'service-development', sponsoringBoards: boards, history },
        '2007-05-01',
      ),
    );
    expect(result).toMatchObject({ status: 'next', awaitingSignOff: ['southwark'] });
    expect(result.explanation.lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          '2007-03-10: mediation within the group, conducted by the chair: agreed, recorded by Chair: cardiology pathway agreed.',
        ),
      ]),
    );
  });
});

describe("2006 §112: 'The SHA’s performance management responsibility remains and complements these arrangements.'", () => {
  it('every dispute explanation says the SHA’s performance management continues alongside', () => {
    const result = expectOk(
      nextDisputeStep(london2006, { category: 'service-development', history: [] }, '2007-01-15'),
    );
    expect(result.explanation.lines).toContain(
      "NHS London (the London SHA)'s performance management continues alongside (2006 §112).",
    );
  });
});

describe('2006 terms of reference set no quorum: each 2006 preset states its default, marked as an assumption', () => {
  it('one third of the voting members, rounded up, with its reason', () => {
    for (const group of [london2006, ...localGroups]) {
      expect(group.quorum.rule).toEqual({
        fractionOfMembership: { numerator: 1, denominator: 3, membership: 'voting' },
      });
      expect(group.quorum.assumption?.reason).toContain('set no quorum');
    }
    const members = northWestMembers();
    // Eight constituent chief executives: a third, rounded up, is 3.
    expect(
      expectOk(
        evaluateQuorum(northWest, {
          members,
          attendance: present(
            members,
            members.slice(0, 2).map((member) => member.id),
          ),
        }),
      ).quorate,
    ).toBe(false);
    expect(
      expectOk(
        evaluateQuorum(northWest, {
          members,
          attendance: present(
            members,
            members.slice(0, 3).map((member) => member.id),
          ),
        }),
      ).quorate,
    ).toBe(true);
  });
});

describe('2006 §104, §106, §2.3, §3.1, §101–103, §105, §109: the groups’ remits are recorded, each naming the capability that records it', () => {
  it.each([
    ['london', '2006 §104', 'Oversee the London wide commissioning process'],
    ['london', '2006 §104', 'Undertake an annual ‘horizon scanning’ process'],
    ['london', '2006 §104', 'Market manage on a London wide basis'],
    ['london', '2006 §104', 'Stimulate the market on a London wide basis'],
    ['london', '2006 §104', 'Take the lead for specialised commissioning activities'],
    ['london', '2006 §105', 'The Group will secure public health, finance and information support'],
    ['london', '2006 §102', 'The Duty of Partnership means'],
    ['london', '2006 §103', 'In addition to PCT CEO involvement'],
    ['london', '2006 §109', 'The London CBS will provide administrative support'],
    [
      'london',
      '2006 §2.3',
      'That PCTs will work with NHS providers to review the current clinical networks',
    ],
    ['london', '2006 §3.1', 'That we will move to develop a shared business infrastructure'],
    ['local', '2006 §106', 'Manage the lead commissioning of the 2007/08 Commissioning round'],
    ['local', '2006 §106', 'Implement and monitor the progress of negotiations'],
    [
      'local',
      '2006 §106',
      'Through representation on the London Commissioning Group, performance manage',
    ],
    ['local', '2006 §106', 'Oversee  the role and performance of commissioning clinical networks'],
    ['local', '2006 §106', '’Market manage‘'],
  ] as const)("%s group, %s: '%s …'", (which, clause, opening) => {
    const group = which === 'london' ? london2006 : northWest;
    const provision = group.provisions?.find(
      (entry) => entry.clause === clause && entry.text.startsWith(opening),
    );
    expect(provision?.recordedBy).toBeTruthy();
  });
});

describe("2006 §103: 'This section and the following sections will be issued with this paper as a formal recommendation for adoption by PCT Boards in June/July 2006.'", () => {
  it('version 1 is in force from 1 July 2006 (assumption) and is due for review a year on (assumption)', () => {
    expect(london2006.effective).toMatchObject({
      date: '2006-07-01',
      assumption: expect.any(Object),
    });
    expect(
      expectOk(constitutionInForce([london2006, london2008], '2006-07-01')).identity.version,
    ).toBe(1);
    expect(expectErrors(constitutionInForce([london2006, london2008], '2006-06-30'))[0]?.code).toBe(
      'no-version-in-force',
    );
    expect(expectOk(reviewStatus(london2006, '2007-07-01')).status).toBe('overdue');
  });
});

describe("2006 §105: 'The Group will elect a Chair' — when the chair is absent", () => {
  it('the members present choose who presides (standing-orders assumption)', () => {
    const members = london2006Members();
    const withoutChair = present(members, ['ce-north-central', 'ce-south-east']);
    expect(
      expectOk(presidingMember(london2006, { members, attendance: withoutChair })),
    ).toMatchObject({ basis: 'none', presiding: undefined });
    const chosen = expectOk(
      presidingMember(london2006, {
        members,
        attendance: withoutChair,
        presidingMemberId: 'ce-south-east',
      }),
    );
    expect(chosen).toMatchObject({
      basis: 'electedByMembersPresent',
      presiding: { id: 'ce-south-east' },
    });
    expect(chosen.explanation.citations[0]).toMatchObject({
      clause: 'SI 1991/809',
      assumption: expect.any(String),
    });
  });
});
