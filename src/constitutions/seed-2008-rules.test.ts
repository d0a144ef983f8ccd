/**
 * The rules of the 2008 London Commissioning Group Governance Arrangements, each tested against
 * the preset that encodes it. Test names give the clause and quote it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Constitution,
  evaluateQuorum,
  type MemberFact,
  parseConstitution,
  quorumSafeguard,
  reviewStatus,
  tally,
  validateComposition,
} from '../governance/index.ts';
import { expectErrors, expectOk } from '../governance/test-support.ts';
import {
  chair,
  chiefExecutiveIds,
  chiefExecutives2008,
  londonCommissioningGroup2008,
  pctChiefExecutive,
  pctsBySector,
  present,
  preset,
  sectors,
} from './testing/london.ts';

let group2008: Constitution;
let jointCommittee: Constitution;
beforeAll(async () => {
  group2008 = await preset('london-commissioning-group-2008');
  jointCommittee = await preset('joint-committee-of-pcts-2008');
});

const members = londonCommissioningGroup2008();
const quorumOf = (
  presentIds: string[],
  extra: Partial<Parameters<typeof evaluateQuorum>[1]> = {},
) =>
  expectOk(
    evaluateQuorum(group2008, { members, attendance: present(members, presentIds), ...extra }),
  );

describe("2008 Quorum: 'To remain quorate there will need to be a minimum of 8 London PCT Chief Executives (with an individual from each sector) in addition to the Chair.'", () => {
  it('the chair and 8 PCT chief executives from 4 sectors is inquorate, naming the missing sector', () => {
    const result = quorumOf([
      chair.id,
      ...chiefExecutiveIds(['north-west', 'north-central', 'north-east', 'south-west']),
    ]);
    expect(result.quorate).toBe(false);
    expect(result.explanation.clause).toBe('2008 §Quorum');
    expect(result.explanation.missing).toEqual([
      'South East sector unrepresented: none of the London PCT Chief Executives present is from South East',
    ]);
    expect(result.explanation.summary).toBe(
      'Inquorate under 2008 §Quorum: South East sector unrepresented: none of the London PCT Chief Executives present is from South East.',
    );
  });

  it('8 PCT chief executives from all 5 sectors without the chair is inquorate and says the chair is absent', () => {
    const eight = [
      ...chiefExecutiveIds(['north-west', 'north-central', 'north-east']),
      ...chiefExecutiveIds(['south-east', 'south-west'], 1),
    ];
    expect(eight).toHaveLength(8);
    const result = quorumOf(eight);
    expect(result.quorate).toBe(false);
    expect(result.explanation.missing).toEqual([
      'the chair is absent: NHS London Chief Executive (NHS London Chief Executive) sent apologies',
    ]);
  });

  it('8 PCT chief executives from all 5 sectors with the chair is quorate', () => {
    const eight = [
      ...chiefExecutiveIds(['north-west', 'north-central', 'north-east']),
      ...chiefExecutiveIds(['south-east', 'south-west'], 1),
    ];
    const result = quorumOf([chair.id, ...eight]);
    expect(result.quorate).toBe(true);
    expect(result.explanation.counted).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'London PCT Chief Executives present', count: 8 }),
      ]),
    );
  });

  it('7 PCT chief executives from all 5 sectors with the chair is inquorate: one more is needed', () => {
    const seven = [
      ...chiefExecutiveIds(['north-west', 'north-central']),
      ...chiefExecutiveIds(['north-east', 'south-east', 'south-west'], 1),
    ];
    const result = quorumOf([chair.id, ...seven]);
    expect(result.quorate).toBe(false);
    expect(result.explanation.missing).toEqual([
      'London PCT Chief Executives: 7 present, at least 8 required (1 more needed)',
    ]);
  });

  it('other members present do not make up the number of chief executives', () => {
    const others = members
      .filter((member) => !member.id.endsWith('-chief-executive'))
      .map((member) => member.id);
    const result = quorumOf([
      chair.id,
      ...others,
      ...chiefExecutiveIds(['north-west', 'north-central', 'north-east']),
      chiefExecutiveIds(['south-east'], 1)[0] as string,
    ]);
    expect(result.quorate).toBe(false);
  });

  it("a deputy for a chief executive does not count (assumption from 'the expectation is that PCT Chief Executives will attend every meeting')", () => {
    const ten = chiefExecutiveIds([...sectors]);
    const attendance = present(members, [chair.id, ...ten]).map((record) =>
      ten.slice(0, 3).includes(record.memberId)
        ? { ...record, status: 'deputy' as const, deputyName: 'Deputy' }
        : record,
    );
    const result = expectOk(evaluateQuorum(group2008, { members, attendance }));
    expect(result.quorate).toBe(false);
    expect(result.explanation.citations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          clause: '2008 §Membership, commentary',
          assumption: expect.any(String),
        }),
      ]),
    );
  });
});

describe("2008 Membership: '10 London PCT Chief Executives (2 per sector, including 5 Collaborative Commissioning Group (CCG) chairs and the remaining 5 nominated by CCGs)'", () => {
  it('the full membership is allowed and complete', () => {
    const result = expectOk(validateComposition(group2008, members));
    expect(result.refusals).toEqual([]);
    expect(result.vacancies).toEqual([]);
  });

  it('a third chief executive from one sector is refused, citing the 2008 membership clause', () => {
    const third = pctChiefExecutive(
      'north-west',
      pctsBySector['north-west'][2],
      'ccg-nominated-chief-executive',
    );
    const result = expectOk(validateComposition(group2008, [...members, third]));
    expect(result.valid).toBe(false);
    expect(result.explanation.summary).toBe(
      'Refused under 2008 §Membership: London PCT Chief Executives from North West: 3 (Brent Teaching PCT Chief Executive, Ealing PCT Chief Executive and Harrow PCT Chief Executive), but 2008 §Membership allows exactly 2 per sector.',
    );
    expect(result.refusals.every((refusal) => refusal.clause === '2008 §Membership')).toBe(true);
    expect(result.refusals[0]?.text).toContain('2 per sector');
  });

  it('two CCG chairs from one sector are refused even with the sector at two chief executives', () => {
    const swapped = members.map((member) =>
      member.id === 'ealing-pct-chief-executive'
        ? { ...member, role: 'ccg-chair-chief-executive' }
        : member,
    );
    const result = expectOk(validateComposition(group2008, swapped));
    expect(result.refusals.map((refusal) => refusal.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('London PCT Chief Executive chairing a CCG from North West: 2'),
      ]),
    );
  });

  it('a chief executive seat held by someone who is not a PCT chief executive is refused', () => {
    const swapped = members.map((member) =>
      member.id === 'camden-pct-chief-executive'
        ? { ...member, post: 'director-of-finance' }
        : member,
    );
    const result = expectOk(validateComposition(group2008, swapped));
    expect(result.refusals[0]).toMatchObject({
      finding: 'notEligible',
      clause: '2008 §Membership',
    });
  });

  it('a vacant chief executive seat is a vacancy, not a refusal', () => {
    const result = expectOk(
      validateComposition(
        group2008,
        members.filter((member) => member.id !== 'camden-pct-chief-executive'),
      ),
    );
    expect(result).toMatchObject({ valid: true, complete: false });
    expect(result.vacancies.map((vacancy) => vacancy.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('London PCT Chief Executives from North Central: 1'),
      ]),
    );
  });
});

describe("2008 Membership: 'Patient representatives -  up to 3 representatives of PPI group (to be established)'", () => {
  it('a fourth patient representative is refused', () => {
    const fourth: MemberFact = {
      id: 'patient-representative-4',
      name: 'Patient representative 4',
      role: 'patient-representative',
    };
    const result = expectOk(validateComposition(group2008, [...members, fourth]));
    expect(result.refusals).toEqual([
      expect.objectContaining({
        clause: '2008 §Membership',
        message: expect.stringMatching(
          /^Patient representative: 4 .*, but 2008 §Membership allows at most 3$/,
        ),
      }),
    ]);
  });

  it('no patient representative at all is allowed ("up to 3")', () => {
    const result = expectOk(
      validateComposition(
        group2008,
        members.filter((member) => member.role !== 'patient-representative'),
      ),
    );
    expect(result.complete).toBe(true);
  });
});

describe("2008 Membership: 'NHS London Chief Executive (chair of LCG)'", () => {
  it('the chair is the NHS London Chief Executive ex officio; recording anyone else as chair is an error', () => {
    const errors = expectErrors(
      evaluateQuorum(group2008, {
        members: members.map((member) =>
          member.id === 'croydon-pct-chief-executive'
            ? { ...member, office: 'chair' as const }
            : member,
        ),
        attendance: [],
      }),
    );
    expect(errors[0]).toMatchObject({ code: 'chair-mismatch', clause: '2008 §Membership' });
  });

  it('a second NHS London Chief Executive is refused', () => {
    const result = expectOk(
      validateComposition(group2008, [...members, { ...chair, id: 'another' }]),
    );
    expect(result.refusals[0]?.message).toContain('NHS London Chief Executive: 2');
  });
});

describe("2008 Membership: 'NHS London Director of Strategy & Commissioning', 'NHS London Director of Public Health', 'NHS London Director of Finance'", () => {
  it.each([
    'nhs-london-director-of-strategy-and-commissioning',
    'nhs-london-director-of-public-health',
    'nhs-london-director-of-finance',
  ])(
    '%s: one seat, held by the NHS London director (from another organisation it is refused)',
    (role) => {
      const elsewhere = members.map((member) =>
        member.role === role ? { ...member, organisation: { id: 'camden-pct' } } : member,
      );
      const result = expectOk(validateComposition(group2008, elsewhere));
      expect(result.refusals[0]).toMatchObject({ finding: 'notEligible', role });
      const missing = expectOk(
        validateComposition(
          group2008,
          members.filter((member) => member.role !== role),
        ),
      );
      expect(missing.vacancies[0]).toMatchObject({ role, finding: 'tooFew' });
    },
  );
});

describe("2008 Membership: 'Representative from Mayor’s Office'", () => {
  it('one representative, from the Mayor’s Office', () => {
    const second: MemberFact = {
      id: 'mayor-2',
      name: 'Second Mayor’s Office representative',
      role: 'mayors-office-representative',
      organisation: { id: 'mayors-office' },
    };
    expect(expectOk(validateComposition(group2008, [...members, second])).valid).toBe(false);
  });
});

describe("2008 Membership: 'Local Authority representative – to be nominated by London Councils'", () => {
  it('a representative recorded as nominated by another body is refused', () => {
    const wrong = members.map((member) =>
      member.role === 'local-authority-representative'
        ? { ...member, filledBy: { method: 'nominated' as const, by: 'mayors-office' } }
        : member,
    );
    const result = expectOk(validateComposition(group2008, wrong));
    expect(result.refusals[0]).toMatchObject({ finding: 'wrongRoute' });
    expect(result.refusals[0]?.message).toContain('by nomination of London Councils');
  });
});

describe("2008 Membership: 'Clinical lead - chair of clinical leadership group (to be established)'", () => {
  it('the seat waits on a group still to be established: a vacancy, not a refusal', () => {
    const result = expectOk(
      validateComposition(
        group2008,
        members.filter((member) => member.role !== 'clinical-lead'),
      ),
    );
    expect(result.vacancies).toEqual([expect.objectContaining({ role: 'clinical-lead' })]);
    const body = group2008.bodies?.find((entry) => entry.id === 'clinical-leadership-group');
    expect(body?.toBeEstablished?.clause).toBe('2008 §Membership');
  });
});

describe("2008 Membership: 'Programme Director – to be appointed (accountable to LCG chair)'", () => {
  it('one Programme Director, appointed, accountable to the chair', () => {
    const seat = group2008.seats.find((entry) => entry.role === 'programme-director');
    expect(seat?.filledBy.method).toBe('appointed');
    expect(seat?.accountableTo?.office).toBe('chair');
    const elected = members.map((member) =>
      member.role === 'programme-director'
        ? { ...member, filledBy: { method: 'elected' as const } }
        : member,
    );
    expect(expectOk(validateComposition(group2008, elected)).refusals[0]?.finding).toBe(
      'wrongRoute',
    );
  });
});

describe("2008 Membership: 'Out of London PCT representation (to be determined)'", () => {
  it('is recorded with no limit until determined, marked as an assumption', () => {
    const representatives: MemberFact[] = [1, 2].map((number) => ({
      id: `out-${number}`,
      name: `Out of London PCT ${number}`,
      role: 'out-of-london-pct-representative',
    }));
    expect(expectOk(validateComposition(group2008, [...members, ...representatives])).valid).toBe(
      true,
    );
    expect(
      group2008.seats.find((entry) => entry.role === 'out-of-london-pct-representative')
        ?.assumption,
    ).toBeDefined();
  });
});

describe("2008 Membership, commentary: 'It is assumed that members of LCG will not be attributed a different status'", () => {
  it('every seat has the same standing: all take part in decisions', () => {
    expect(
      group2008.seats.every(
        (seat) => seat.voting.entitled && seat.voting.clause === '2008 §Membership, commentary',
      ),
    ).toBe(true);
  });
});

describe("2008 Decision-making: 'Decisions on policy and strategy are reserved to PCTs and NHS London.'", () => {
  it('a policy matter put to the group yields advice, not a decision', () => {
    const quorate = [chair.id, ...chiefExecutiveIds([...sectors])];
    const result = expectOk(
      tally(
        group2008,
        { kind: 'policy-and-strategy' },
        {
          members,
          attendance: present(members, quorate),
          votes: quorate.map((voterId) => ({ voterId, choice: 'for' as const })),
        },
      ),
    );
    expect(result).toMatchObject({ outcome: 'advice', isDecision: false });
    expect(result.advice?.decidedBy.map((body) => body.id)).toEqual(['london-pcts', 'nhs-london']);
    expect(result.advice?.consensusOnAdvice).toBe(true);
    expect(result.explanation.summary).toBe(
      'Advice, not a decision: 2008 §Decision-making reserves this matter to London PCTs and NHS London; London Commissioning Group may only advise. Quorate: 11 of 21 members present (2008 §Quorum).',
    );
  });
});

describe("2008 Decision-making: 'the LCG seeks to operate by consensus with solutions to issues being found through discussion by stakeholders on the LCG.'", () => {
  it('with no one against and every member present recording a view, the group decides by consensus', () => {
    const quorate = [chair.id, ...chiefExecutiveIds([...sectors])];
    const result = expectOk(
      tally(
        group2008,
        { kind: 'coordination-between-sectors' },
        {
          members,
          attendance: present(members, quorate),
          votes: quorate.map((voterId) => ({ voterId, choice: 'for' as const })),
        },
      ),
    );
    expect(result).toMatchObject({
      outcome: 'consensus',
      isDecision: true,
      decisionKind: { clause: '2006 §2.2(b)' },
      consensus: { rule: 'declaredByChair', clause: '2008 §Decision-making', reached: true },
    });
  });

  it('issue 22: one in agreement while the other ten present say nothing is not consensus', () => {
    const quorate = [chair.id, ...chiefExecutiveIds([...sectors])];
    const result = expectOk(
      tally(
        group2008,
        { kind: 'coordination-between-sectors' },
        {
          members,
          attendance: present(members, quorate),
          votes: [{ voterId: chair.id, choice: 'for' }],
        },
      ),
    );
    expect(result).toMatchObject({ outcome: 'advice', isDecision: false });
    expect(result.explanation.summary).toMatch(/^No consensus under 2008 §Decision-making/);
    expect(result.explanation.summary).toContain(
      'the person presiding has not declared the sense of the meeting, and 10 of the 11 present recorded no view',
    );
    expect(result.explanation.summary).not.toMatch(/^Decided by consensus/);
  });

  it('the chair declares the sense of the meeting, no one objecting: consensus, and the result says it was declared', () => {
    const quorate = [chair.id, ...chiefExecutiveIds([...sectors])];
    const result = expectOk(
      tally(
        group2008,
        { kind: 'coordination-between-sectors' },
        {
          members,
          attendance: present(members, quorate),
          votes: [],
          senseOfMeeting: { declaredBy: chair.id, sense: 'agreed' },
        },
      ),
    );
    expect(result).toMatchObject({ outcome: 'consensus', isDecision: true });
    expect(result.explanation.summary).toContain(
      `declared by ${chair.name}, presiding, as the sense of the meeting, with no objection among the 11 present`,
    );
    expect(result.explanation.summary).toContain(
      'Quorate: 11 of 21 members present (2008 §Quorum)',
    );
    const rule = result.explanation.citations.find(
      (citation) => citation.clause === '2008 §Decision-making' && citation.assumption,
    );
    expect(rule?.assumption).toContain('declares the sense of the meeting');
  });

  it('the chair declares agreement but a member objects: no consensus, advice setting out the range of views', () => {
    const quorate = [chair.id, ...chiefExecutiveIds([...sectors])];
    const objector = chiefExecutiveIds(['south-east'])[0] as string;
    const result = expectOk(
      tally(
        group2008,
        { kind: 'coordination-between-sectors' },
        {
          members,
          attendance: present(members, quorate),
          votes: [{ voterId: objector, choice: 'against' }],
          senseOfMeeting: { declaredBy: chair.id, sense: 'agreed' },
        },
      ),
    );
    expect(result).toMatchObject({ outcome: 'advice', isDecision: false });
    expect(result.explanation.summary).toContain('1 objection recorded');
  });

  it('only the person presiding declares the sense of the meeting', () => {
    const quorate = [chair.id, ...chiefExecutiveIds([...sectors])];
    const someone = chiefExecutiveIds(['north-west'])[0] as string;
    const errors = expectErrors(
      tally(
        group2008,
        { kind: 'coordination-between-sectors' },
        {
          members,
          attendance: present(members, quorate),
          votes: [],
          senseOfMeeting: { declaredBy: someone, sense: 'agreed' },
        },
      ),
    );
    expect(errors[0]).toMatchObject({
      code: 'sense-of-meeting-invalid',
      clause: '2008 §Decision-making',
    });
  });
});

describe("2008 Decision-making: 'Where consensus cannot be achieved, the range of stakeholder views will be reflected in advice to PCTs and NHS London.'", () => {
  it('an objection turns the outcome into advice to PCTs and NHS London, setting out each view', () => {
    const quorate = [chair.id, ...chiefExecutiveIds([...sectors])];
    const result = expectOk(
      tally(
        group2008,
        { method: 'consensus-with-advice' },
        {
          members,
          attendance: present(members, quorate),
          votes: [
            { voterId: chair.id, choice: 'for' },
            { voterId: 'croydon-pct-chief-executive', choice: 'against' },
            { voterId: 'lambeth-pct-chief-executive', choice: 'abstain' },
          ],
        },
      ),
    );
    expect(result).toMatchObject({ outcome: 'advice', isDecision: false });
    expect(result.advice?.to.map((body) => body.name)).toEqual(['London PCTs', 'NHS London']);
    expect(result.rangeOfViews.against).toEqual(['Croydon PCT Chief Executive']);
    expect(result.rangeOfViews.abstain).toEqual(['Lambeth PCT Chief Executive']);
  });
});

describe("2008 Accountabilities: 'The London Commissioning Group is accountable to all London PCTs and to NHS London'", () => {
  it('records both, and its minutes, progress updates and annual report go to both', () => {
    expect(group2008.accountableTo[0]?.to).toEqual(['london-pcts', 'nhs-london']);
    const recipients = (group2008.reporting ?? []).filter((duty) =>
      ['minutes', 'progressUpdate', 'annualReport'].includes(duty.report),
    );
    expect(recipients.map((duty) => [duty.report, duty.frequency, duty.to])).toEqual([
      ['minutes', 'everyMeeting', ['london-pcts', 'nhs-london']],
      ['progressUpdate', 'regularly', ['london-pcts', 'nhs-london']],
      ['annualReport', 'annually', ['london-pcts', 'nhs-london']],
    ]);
  });
});

describe("2008 Accountabilities: 'London PCT Boards will discharge their formal responsibilities in respect of approving consultation and taking decisions following consultation by means of a Joint Committee set up with delegated authority'", () => {
  const representatives: MemberFact[] = [
    'Brent Teaching PCT',
    'Camden PCT',
    'Newham PCT',
    'Lambeth PCT',
  ].map((pct, index) => ({
    id: `rep-${index}`,
    name: `Representative of ${pct}`,
    role: 'pct-representative',
    organisation: { id: pct, type: 'primary-care-trust' },
    ...(index === 0 ? { office: 'chair' as const } : {}),
  }));
  it('the Joint Committee decides by majority and its decision binds the PCT Boards that delegated', () => {
    const result = expectOk(
      tally(
        jointCommittee,
        { kind: 'decide-following-consultation' },
        {
          members: representatives,
          attendance: present(
            representatives,
            representatives.map((member) => member.id),
          ),
          votes: [
            { voterId: 'rep-0', choice: 'for' },
            { voterId: 'rep-1', choice: 'for' },
            { voterId: 'rep-2', choice: 'against' },
          ],
        },
      ),
    );
    expect(result).toMatchObject({
      outcome: 'carried',
      isDecision: true,
      binds: [{ id: 'delegating-pct-boards' }],
    });
    expect(jointCommittee.delegation?.matters).toHaveLength(2);
  });

  it('one representative per delegating PCT', () => {
    const twice = [
      ...representatives,
      { ...(representatives[1] as MemberFact), id: 'rep-extra', office: undefined },
    ];
    expect(expectOk(validateComposition(jointCommittee, twice)).refusals[0]?.message).toContain(
      'per organisation',
    );
  });
});

describe("2008 Communications: 'Minutes will be prepared for each meeting and there will be regular progress updates and an annual report of the work of the LCG.'", () => {
  it('three reporting duties: minutes each meeting, progress updates, an annual report', () => {
    const duties = (group2008.reporting ?? []).filter((duty) =>
      duty.text.startsWith('Minutes will be prepared'),
    );
    expect(duties.map((duty) => duty.report)).toEqual([
      'minutes',
      'progressUpdate',
      'annualReport',
    ]);
  });
});

describe("2008 Communications: 'PCT Members of the LCG will communicate and discuss key commissioning issues with London PCT CEs at their monthly meeting'", () => {
  it('a monthly briefing duty on the chief executive seats', () => {
    expect(
      group2008.reporting?.find((duty) => duty.id === 'pct-chief-executives-briefing'),
    ).toMatchObject({
      by: ['london-pct-chief-executives'],
      frequency: 'monthly',
      to: ['london-pct-chief-executives-meeting'],
    });
  });
});

describe("2008 Communications: 'NHS London Chief Executive will ensure that the NHS London Executive Management Team and Board are engaged'", () => {
  it('a briefing duty on the chair to NHS London’s executive and board', () => {
    expect(group2008.reporting?.find((duty) => duty.id === 'nhs-london-briefing')).toMatchObject({
      by: ['nhs-london-chief-executive'],
      to: ['nhs-london-executive-and-board'],
    });
  });
});

describe("2008 Communications: 'The other members are responsible for ensuring that the bodies/groups they represent are engaged'", () => {
  it('a briefing duty on every other seat', () => {
    const duty = group2008.reporting?.find((entry) => entry.id === 'represented-bodies-briefing');
    const others = group2008.seats
      .map((seat) => seat.role)
      .filter(
        (role) =>
          ![
            'ccg-chair-chief-executive',
            'ccg-nominated-chief-executive',
            'nhs-london-chief-executive',
          ].includes(role),
      );
    expect(duty?.by).toEqual(others);
  });
});

describe("2008 Review: 'The governance arrangements as set out above will be reviewed in September 2008'", () => {
  it('warns as September 2008 nears and once it has passed', () => {
    expect(expectOk(reviewStatus(group2008, '2008-03-01')).status).toBe('current');
    expect(expectOk(reviewStatus(group2008, '2008-08-01')).status).toBe('dueSoon');
    const overdue = expectOk(reviewStatus(group2008, '2008-10-01'));
    expect(overdue.status).toBe('overdue');
    expect(overdue.explanation.clause).toBe('2008 §Review');
  });

  it("'unless the London PCTs with NHS London or LCG itself identify an earlier need for review': who may call it is recorded", () => {
    expect(group2008.review.earlierReview?.by).toEqual([
      'london-pcts',
      'nhs-london',
      'london-commissioning-group',
    ]);
  });
});

describe('2008 Key responsibilities: the Commissioning Support Service is directed by the group but never decides', () => {
  it("'Provide direction and leadership to the Commissioning Support Service (CSS)': naming the CSS as deciding is refused", () => {
    const document = structuredClone(group2008) as unknown as {
      decisionMethods: Array<Record<string, unknown>>;
    };
    (document.decisionMethods[1] as Record<string, unknown>).decidedBy = [
      'commissioning-support-service',
    ];
    const parsed = parseConstitution(document);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]).toMatchObject({ code: 'not-decision-making' });
  });
});

describe('2008 Role, Terms of reference and Key responsibilities: recorded, each naming the capability that records it', () => {
  const expected = [
    ['2008 §Role', 'The role of the London Commissioning Group is to act as the executive group'],
    ['2008 §Accountabilities', 'PCTs remain individually accountable to NHS London'],
    ['2008 §Terms of reference', 'To steer the London wide strategy and commissioning process'],
    [
      '2008 §Terms of reference',
      'To develop and guide the London-wide commissioning strategic direction',
    ],
    ['2008 §Terms of reference', 'To ensure a single integrated and aligned strategy'],
    ['2008 §Terms of reference', 'To ensure that PCTs and NHS London work in partnership'],
    [
      '2008 §Terms of reference',
      'To establish clear roles and accountabilities for each commissioning body',
    ],
    ['2008 §Key responsibilities, Healthcare for London', 'Manage the consultation process'],
    ['2008 §Key responsibilities, Healthcare for London', 'Structure the delivery programme'],
    [
      '2008 §Key responsibilities, Healthcare for London',
      'Build an infrastructure to support delivery',
    ],
    [
      '2008 §Key responsibilities, Healthcare for London',
      'Oversee the agreed implementation programme',
    ],
    [
      '2008 §Key responsibilities, Healthcare for London',
      'Provide leadership and direction to support action required at sector and PCT level',
    ],
    [
      '2008 §Key responsibilities, Commissioning development',
      'Ensure there is alignment of commissioning strategies',
    ],
    [
      '2008 §Key responsibilities, Commissioning development',
      'Lead the strategic development of specialised commissioning',
    ],
    [
      '2008 §Key responsibilities, Commissioning development',
      'Ensure that PCTs and NHS London work in partnership to ensure synergy',
    ],
    [
      '2008 §Key responsibilities, Commissioning development',
      'Review clinical network arrangements across London',
    ],
    [
      '2008 §Key responsibilities, Commissioning development',
      'Facilitate the development of good commissioning practice',
    ],
    [
      '2008 §Key responsibilities, Commissioning development',
      'Provide a commissioning steer to the London Connecting For Health programme',
    ],
    [
      '2008 §Key responsibilities, Commissioning development',
      'Task Collaborative Commissioning Groups to undertake consistent service/strategic reviews',
    ],
    [
      '2008 §Key responsibilities, Business development',
      'Steer the London wide commissioning process',
    ],
    [
      '2008 §Key responsibilities, Business development',
      'Develop a framework for effective public and patient involvement',
    ],
    [
      '2008 §Key responsibilities, Business development',
      'Provide direction and leadership to the Commissioning Support Service',
    ],
    [
      '2008 §Key responsibilities, Business development',
      'Provide direction to lead commissioning arrangements',
    ],
    [
      '2008 §Membership',
      'The group will ensure that the (to be established) mechanisms enable strong clinical and patient engagement',
    ],
    [
      '2008 §Membership, commentary',
      'the PCTs (with the SHA) hold the statutory responsibility for consultation and commissioning',
    ],
  ] as const;
  it.each(expected)("%s: '%s …'", (clause, opening) => {
    const provision = group2008.provisions?.find(
      (entry) => entry.clause === clause && entry.text.startsWith(opening),
    );
    expect(provision?.recordedBy).toBeTruthy();
  });
});

describe('2008: chief executives facts used above are the ten seats', () => {
  it('two per sector, one CCG chair and one nominee', () => {
    expect(chiefExecutives2008()).toHaveLength(10);
  });
});

describe("2008 Quorum with 2006 §111: 'Disputes involving issues about collective procurement will normally be resolved by a 75% majority.' — a vote is counted only at a quorate meeting", () => {
  const inquorateIds = () => [
    chair.id,
    ...chiefExecutiveIds(['north-west', 'north-central', 'north-east', 'south-west']),
  ];
  const parties = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((index) => ({
    id: `pct-${index}`,
    name: `PCT ${index}`,
  }));

  it('issue 22: a 75% vote at an inquorate meeting is not "Not carried": it is inquorate, naming the finding', () => {
    const result = expectOk(
      tally(
        group2008,
        { method: 'collective-procurement-majority' },
        {
          parties,
          votes: [{ voterId: 'pct-1', choice: 'for' }],
          meeting: { members, attendance: present(members, inquorateIds()) },
        },
      ),
    );
    expect(result.outcome).toBe('inquorate');
    expect(result.explanation.summary).toBe(
      'No decision: the meeting is inquorate: 9 of 21 members present; South East sector unrepresented: none of the London PCT Chief Executives present is from South East (2008 §Quorum).',
    );
  });

  it('at a quorate meeting the result names the quorum finding', () => {
    const quorate = [chair.id, ...chiefExecutiveIds([...sectors])];
    const result = expectOk(
      tally(
        group2008,
        { method: 'collective-procurement-majority' },
        {
          parties,
          votes: parties.slice(0, 7).map((party) => ({ voterId: party.id, choice: 'for' })),
          meeting: { members, attendance: present(members, quorate) },
        },
      ),
    );
    expect(result.outcome).toBe('carried');
    expect(result.explanation.summary).toContain(
      'Quorate: 11 of 21 members present (2008 §Quorum).',
    );
    expect(result.explanation.lines).toContain('Quorate: 11 of 21 members present (2008 §Quorum).');
  });

  it('opening or closing the vote while inquorate is refused, naming the clause; a consensus question is only warned', () => {
    const quorum = quorumOf(inquorateIds());
    const vote = group2008.decisionMethods.find(
      (method) => method.id === 'collective-procurement-majority',
    );
    const consensus = group2008.decisionMethods.find(
      (method) => method.id === 'consensus-with-advice',
    );
    if (!vote || !consensus) throw new Error('the preset names both methods');
    const refused = quorumSafeguard(group2008, vote, quorum, 'open');
    expect(refused.refusal).toContain('2008 §Quorum');
    expect(refused.refusal).toContain('cannot be opened while the item is inquorate');
    expect(refused.refusal).toContain('To remain quorate there will need to be a minimum of 8');
    expect(quorumSafeguard(group2008, vote, quorum, 'close').refusal).toContain('cannot be closed');
    const warned = quorumSafeguard(group2008, consensus, quorum, 'open');
    expect(warned.refusal).toBeUndefined();
    expect(warned.warning).toContain('closes with no decision');
    expect(warned.finding).toMatch(/^inquorate: 9 of 21 members present/);
    const quorate = quorumSafeguard(
      group2008,
      vote,
      quorumOf([chair.id, ...chiefExecutiveIds([...sectors])]),
      'close',
    );
    expect(quorate).toMatchObject({ quorate: true, refusal: undefined, warning: undefined });
  });
});
