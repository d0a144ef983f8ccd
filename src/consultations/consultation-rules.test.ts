import { describe, expect, it } from 'vitest';
import {
  approvalRefusals,
  eventPlanRefusal,
  normalPeriodDays,
  type PreparationFacts,
  papersChangeRefusal,
  periodDays,
  periodLeftAtApprovalRefusal,
  periodProblems,
  preparationChecks,
  questionProblems,
  readApproval,
  sectionAnchor,
  slugOf,
} from './consultation-rules.ts';

const day = 24 * 60 * 60 * 1000;
const opensAt = new Date('2007-11-30T00:00:00Z');
const ready: PreparationFacts = {
  opensAt,
  closesAt: new Date('2008-03-07T00:00:00Z'),
  shortPeriodReason: null,
  formativeStatement: 'No decision has been taken on any proposal.',
  reasonsStatement: 'The case for change is set out in chapter 2.',
  scrutinyRecordedAt: new Date('2007-11-20T10:00:00Z'),
  scrutinyByName: 'Ruth Carnall',
  documentsWithSections: 1,
  questionCount: 29,
};

const statusOf = (facts: PreparationFacts, id: string) =>
  preparationChecks(facts).find((check) => check.id === id)?.status;

describe('Gunning principle 1: "consult while the proposals are at a formative stage"', () => {
  it('is met with a statement recorded and not met without one', () => {
    expect(statusOf(ready, 'formative-stage')).toBe('met');
    expect(statusOf({ ...ready, formativeStatement: '  ' }, 'formative-stage')).toBe('not-met');
  });
});

describe('Gunning principle 2: "give sufficient reasons for any proposal"', () => {
  it('needs the reasons recorded and at least one document with sections', () => {
    expect(statusOf(ready, 'sufficient-reasons')).toBe('met');
    expect(statusOf({ ...ready, documentsWithSections: 0 }, 'sufficient-reasons')).toBe('not-met');
    expect(statusOf({ ...ready, reasonsStatement: null }, 'sufficient-reasons')).toBe('not-met');
  });
});

describe('Gunning principle 3 and the Code of Practice 2008: "normally at least 12 weeks"', () => {
  it('counts the period in whole days (30 November 2007 to 7 March 2008 is 98 days)', () => {
    expect(periodDays(ready.opensAt, ready.closesAt)).toBe(98);
    const check = preparationChecks(ready).find((one) => one.id === 'adequate-time');
    expect(check?.status).toBe('met');
    expect(check?.facts).toContain('98 days (14 whole weeks)');
  });
  it('a period under 12 weeks is met only with its reason recorded', () => {
    const short = { ...ready, closesAt: new Date(opensAt.getTime() + 83 * day) };
    expect(statusOf(short, 'adequate-time')).toBe('not-met');
    expect(statusOf({ ...short, shortPeriodReason: 'Winter pressures' }, 'adequate-time')).toBe(
      'met',
    );
    expect(
      statusOf(
        { ...ready, closesAt: new Date(opensAt.getTime() + normalPeriodDays * day) },
        'adequate-time',
      ),
    ).toBe('met');
  });
  it('refuses a period under 12 weeks without a reason, naming the clause', () => {
    const problems = periodProblems(opensAt, new Date(opensAt.getTime() + 56 * day), null);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('shortPeriodReason');
    expect(problems[0]?.message).toContain('56 days, under 12 weeks');
    expect(problems[0]?.message).toContain('Gunning principle 3');
    expect(periodProblems(opensAt, new Date(opensAt.getTime() + 56 * day), 'Urgent')).toEqual([]);
    expect(periodProblems(opensAt, opensAt, 'x')[0]?.field).toBe('closesAt');
  });
});

describe('Gunning principle 4: "conscientiously taken into account"', () => {
  it('is shown as to be met at decision and never stops the approval', () => {
    expect(statusOf(ready, 'conscientious-consideration')).toBe('to-be-met-at-decision');
    expect(approvalRefusals(ready)).toEqual([]);
  });
});

describe('2008 "Accountabilities": NHS London scrutinises "consultation documents"', () => {
  it('stops the approval until the scrutiny is recorded', () => {
    const refusals = approvalRefusals({ ...ready, scrutinyRecordedAt: null });
    expect(refusals.map((check) => check.id)).toEqual(['nhs-london-scrutiny']);
    expect(refusals[0]?.clause).toBe('2008 "Accountabilities"');
  });
});

describe('2008 "Healthcare for London" bullet 1: "developing the consultation documentation"', () => {
  it('needs at least one question', () => {
    expect(statusOf({ ...ready, questionCount: 0 }, 'questions')).toBe('not-met');
  });
});

describe('what may change at which stage', () => {
  it('papers and questions only while preparing', () => {
    expect(papersChangeRefusal('preparing', 'questions')).toBeUndefined();
    expect(papersChangeRefusal('approved', 'questions')).toContain('2008 "Accountabilities"');
  });
  it('events until close', () => {
    const now = new Date('2008-01-10T00:00:00Z');
    expect(eventPlanRefusal('approved', ready.closesAt, now)).toBeUndefined();
    expect(eventPlanRefusal('approved', ready.closesAt, new Date('2008-03-08'))).toContain(
      'closed',
    );
  });
});

describe('questions', () => {
  it('refuses an unknown kind, a choice question without choices and free text with choices', () => {
    expect(questionProblems({ text: 'Q', kind: 'ranking', options: [] })[0]?.field).toBe('kind');
    expect(questionProblems({ text: 'Q', kind: 'single-choice', options: [] })[0]?.message).toBe(
      'A choice question needs at least two choices.',
    );
    expect(questionProblems({ text: 'Q', kind: 'scale', options: ['Low'] })[0]?.message).toContain(
      'scale',
    );
    expect(questionProblems({ text: 'Q', kind: 'free-text', options: ['a'] })).toHaveLength(1);
    expect(
      questionProblems({ text: 'Q', kind: 'multiple-choice', options: ['a', 'A'] }),
    ).toHaveLength(1);
    expect(questionProblems({ text: 'Q', kind: 'free-text', options: [] })).toEqual([]);
  });
});

describe('addresses', () => {
  it('makes the address from the title and anchors sections', () => {
    expect(slugOf('Consulting the capital: A&E in 2008!')).toBe(
      'consulting-the-capital-a-and-e-in-2008',
    );
    expect(sectionAnchor('4.2')).toBe('section-4-2');
  });
});

describe('reading the Joint Committee’s question', () => {
  it('carried approves; not carried does not; open is undecided', () => {
    expect(readApproval({ status: 'closed', outcome: 'carried', title: 'A' }).kind).toBe(
      'approved',
    );
    expect(readApproval({ status: 'closed', outcome: 'notCarried', title: 'A' }).kind).toBe(
      'not-approved',
    );
    expect(readApproval({ status: 'open', outcome: null, title: 'A' }).kind).toBe('undecided');
  });
});

describe('Gunning principle 3 at the approval ("adequate time ... normally at least 12 weeks"): the time left, not the dates stated (review M9)', () => {
  const opensAt = new Date('2027-01-04T09:00:00Z');
  const closesAt = new Date('2027-04-05T17:00:00Z');
  const stated = { opensAt, closesAt, shortPeriodReason: null };

  it('an approval recorded before the opening time leaves the stated period whole', () => {
    expect(periodLeftAtApprovalRefusal(stated, new Date('2026-12-20T10:00:00Z'))).toBeUndefined();
  });

  it('recorded after the opening with exactly 12 weeks left stands; a day later it does not', () => {
    const twelveWeeksBefore = new Date(closesAt.getTime() - 84 * 24 * 60 * 60 * 1000);
    expect(periodLeftAtApprovalRefusal(stated, twelveWeeksBefore)).toBeUndefined();
    const refusal = periodLeftAtApprovalRefusal(
      stated,
      new Date(twelveWeeksBefore.getTime() + 24 * 60 * 60 * 1000),
    );
    expect(refusal).toContain('people would have 83 days from the approval to the close');
    expect(refusal).toContain('not the 91 days put to the Joint Committee');
  });

  it('a recorded reason for a shorter period lets a late approval stand', () => {
    expect(
      periodLeftAtApprovalRefusal(
        { ...stated, shortPeriodReason: 'The winter pressures review must report by April.' },
        new Date('2027-03-01T10:00:00Z'),
      ),
    ).toBeUndefined();
  });
});
