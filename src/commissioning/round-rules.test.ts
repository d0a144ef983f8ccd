import { describe, expect, it } from 'vitest';
import {
  checkReturn,
  checkTimetable,
  checkTimetableChange,
  daysOverdue,
  lateness,
  mayMoveTo,
  nextDate,
  nextStatus,
  pctOfRound,
  type ReturnFacts,
  startYearOf,
  type Timetable,
  yearInPath,
  yearInWords,
} from './round-rules.ts';

const timetable: Timetable = {
  submissionsOpenOn: '2007-09-03',
  submissionsDueOn: '2007-10-31',
  consolidationBy: '2007-12-14',
  agreementBy: '2008-01-31',
  publicationBy: '2008-03-14',
};
const londonSectors = ['north-west', 'north-central', 'north-east', 'south-east', 'south-west'];

const facts = (overrides: Partial<ReturnFacts> = {}): ReturnFacts => ({
  status: 'open',
  timetable,
  today: '2007-10-15',
  existing: undefined,
  isNilReturn: false,
  priorityCount: 2,
  lateReason: undefined,
  ...overrides,
});

describe('2008 Business development: "ensuring delivery of a consistent commissioning business process and timetable"', () => {
  it('takes a timetable in order: open ≤ due ≤ consolidation ≤ agreement ≤ publication', () => {
    expect(checkTimetable(timetable)).toEqual([]);
    expect(checkTimetable({ ...timetable, submissionsDueOn: timetable.submissionsOpenOn })).toEqual(
      [],
    );
    const problems = checkTimetable({ ...timetable, consolidationBy: '2007-10-30' });
    expect(problems.map((problem) => problem.field)).toEqual(['consolidationBy']);
    expect(problems[0]?.message).toContain('30 October 2007');
    expect(problems[0]?.message).toContain('2008 Business development');
  });

  it('flags a return made after the due date as late, naming the dates it compared', () => {
    expect(lateness('2007-10-31', '2007-10-31')).toMatchObject({ late: false, daysLate: 0 });
    expect(lateness('2007-11-03', '2007-10-31')).toEqual({
      late: true,
      daysLate: 3,
      submittedOn: '2007-11-03',
      dueOn: '2007-10-31',
      clause: '2008 Business development',
    });
    expect(daysOverdue('2007-11-10', '2007-10-31')).toBe(10);
    expect(daysOverdue('2007-10-01', '2007-10-31')).toBe(0);
  });

  it('refuses a late return without its reason, and takes it with one', () => {
    const late = checkReturn(facts({ today: '2007-11-05' }));
    expect(late).toMatchObject({ ok: false, status: 400, errors: [{ field: 'lateReason' }] });
    if (!late.ok) expect(late.errors[0]?.message).toMatch(/due on 31 October 2007.*5 days late/);
    expect(
      checkReturn(facts({ today: '2007-11-05', lateReason: 'Board met on 1 November.' })),
    ).toMatchObject({ ok: true, lateness: { late: true, daysLate: 5 } });
  });

  it('replaces a return only until consolidation starts, and takes none past consolidation', () => {
    const existing = { submittedOn: '2007-10-01' };
    expect(checkReturn(facts({ existing }))).toMatchObject({ ok: true });
    expect(
      checkReturn(
        facts({ existing, status: 'consolidating', lateReason: 'x', today: '2007-11-20' }),
      ),
    ).toMatchObject({ ok: false, status: 409 });
    expect(
      checkReturn(facts({ status: 'consolidating', today: '2007-11-20', lateReason: 'Late.' })),
    ).toMatchObject({ ok: true });
    for (const status of ['put-to-group', 'agreed', 'published'] as const) {
      expect(checkReturn(facts({ status }))).toMatchObject({ ok: false, status: 409 });
    }
    expect(checkReturn(facts({ today: '2007-09-01' }))).toMatchObject({ ok: false, status: 409 });
  });

  it('takes a nil return with no priorities, and any other with at least one', () => {
    expect(checkReturn(facts({ isNilReturn: true, priorityCount: 0 }))).toMatchObject({ ok: true });
    expect(checkReturn(facts({ isNilReturn: true, priorityCount: 1 }))).toMatchObject({
      ok: false,
      errors: [{ field: 'isNilReturn' }],
    });
    expect(checkReturn(facts({ priorityCount: 0 }))).toMatchObject({
      ok: false,
      errors: [{ field: 'priorities' }],
    });
  });

  it('moves the round forward one status at a time, and changes the timetable only while open', () => {
    expect(nextStatus('open')).toBe('consolidating');
    expect(nextStatus('published')).toBeUndefined();
    expect(mayMoveTo('consolidating', 'put-to-group')).toBe(true);
    expect(mayMoveTo('open', 'agreed')).toBe(false);
    expect(mayMoveTo('agreed', 'open')).toBe(false);
    expect(checkTimetableChange('open', timetable)).toEqual({ ok: true });
    expect(checkTimetableChange('consolidating', timetable)).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(
      checkTimetableChange('open', { ...timetable, publicationBy: '2008-01-01' }),
    ).toMatchObject({ ok: false, status: 400, errors: [{ field: 'publicationBy' }] });
    // Once returns are received, the due date they were judged against stays put.
    const judged = { submissionsDueOn: timetable.submissionsDueOn, returnsReceived: 3 };
    const moved = checkTimetableChange(
      'open',
      { ...timetable, submissionsDueOn: '2007-11-07' },
      judged,
    );
    expect(moved).toMatchObject({
      ok: false,
      status: 409,
      errors: [{ field: 'submissionsDueOn' }],
    });
    expect(!moved.ok && moved.errors[0]?.message).toContain('3 returns have been received');
    expect(!moved.ok && moved.errors[0]?.message).toContain(
      '2008 Business development: “ensuring delivery of a consistent commissioning business process and timetable”',
    );
    expect(
      checkTimetableChange('open', { ...timetable, publicationBy: '2008-04-30' }, judged),
    ).toEqual({ ok: true });
    expect(
      checkTimetableChange(
        'open',
        { ...timetable, submissionsDueOn: '2007-11-07' },
        {
          ...judged,
          returnsReceived: 0,
        },
      ),
    ).toEqual({ ok: true });
    expect(nextDate(timetable, '2007-11-01')).toMatchObject({ field: 'consolidationBy' });
    expect(nextDate(timetable, '2008-04-01')).toBeUndefined();
  });

  it('names the financial year as people say it, and reads it back from the path', () => {
    expect(yearInWords(2008)).toBe('2008/09');
    expect(yearInWords(1999)).toBe('1999/00');
    expect(yearInPath(2007)).toBe('2007-08');
    expect(startYearOf('2008-09')).toBe(2008);
    expect(startYearOf('2008/09')).toBe(2008);
    expect(startYearOf('2008-10')).toBeUndefined();
    expect(startYearOf('08-09')).toBeUndefined();
    // Only 2000/01 to 2099/00.
    expect(startYearOf('2000-01')).toBe(2000);
    expect(startYearOf('2099/00')).toBe(2099);
    expect(startYearOf('1899-00')).toBeUndefined();
    expect(startYearOf('1999-00')).toBeUndefined();
    expect(startYearOf('9999-00')).toBeUndefined();
  });
});

describe('2006 §104: "Undertake an annual ‘horizon scanning’ process to identify prospective commissioning priorities, with input from all London PCTs to form the basis of annual London wide Commissioning Intentions"', () => {
  it('takes returns from London PCTs only, naming the rule it breaks', () => {
    expect(
      pctOfRound(
        { name: 'Kingston PCT', type: 'primary-care-trust', sectorId: 'south-west' },
        londonSectors,
      ),
    ).toEqual({ ok: true });
    const sha = pctOfRound(
      { name: 'NHS London', type: 'strategic-health-authority', sectorId: null },
      londonSectors,
    );
    expect(sha).toMatchObject({ ok: false });
    if (!sha.ok) expect(sha.message).toMatch(/not a primary care trust.*2006 §104/);
    const surrey = pctOfRound(
      { name: 'Surrey PCT', type: 'primary-care-trust', sectorId: null },
      londonSectors,
    );
    if (!surrey.ok) expect(surrey.message).toMatch(/not one of the London group’s PCTs.*2006 §104/);
    expect(surrey.ok).toBe(false);
  });
});
