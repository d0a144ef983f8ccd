import { describe, expect, it } from 'vitest';
import {
  addMonths,
  attendanceByMember,
  attendanceBySector,
  checkPeriod,
  dutyForReport,
  financialYearOf,
  monthEndsOf,
  quarterOf,
} from './report-rules.ts';

describe('a report’s period', () => {
  const today = '2026-11-23';

  it('must have an end, quoting 2008 Communications', () => {
    const [problem] = checkPeriod({
      kind: 'annual-report',
      from: '2026-04-01',
      to: undefined,
      today,
    });
    expect(problem?.field).toBe('periodTo');
    expect(problem?.message).toContain('2008 §Key responsibilities, Communications');
    expect(problem?.message).toContain('regular progress updates and an annual report');
  });

  it('cannot end before it starts, nor after today; a period ending today may be reported', () => {
    expect(
      checkPeriod({ kind: 'annual-report', from: '2026-04-02', to: '2026-04-01', today })[0]
        ?.message,
    ).toBe('The period cannot end before it starts.');
    expect(
      checkPeriod({ kind: 'annual-report', from: '2026-04-01', to: '2026-11-24', today })[0]
        ?.message,
    ).toContain('has not ended yet');
    expect(checkPeriod({ kind: 'annual-report', from: '2026-04-01', to: today, today })).toEqual(
      [],
    );
    expect(checkPeriod({ kind: 'annual-report', from: today, to: today, today })).toEqual([]);
  });

  it('is no longer than its kind covers: a quarter for a progress update, a year for an annual report', () => {
    const quarter = { kind: 'progress-update' as const, from: '2008-10-01', today };
    expect(checkPeriod({ ...quarter, to: '2008-12-31' })).toEqual([]);
    expect(checkPeriod({ ...quarter, to: '2009-01-01' })[0]?.message).toContain(
      'A progress update covers a quarter at most',
    );
    const year = { kind: 'annual-report' as const, from: '2008-04-01', today };
    expect(checkPeriod({ ...year, to: '2009-03-31' })).toEqual([]);
    expect(checkPeriod({ ...year, to: '2009-04-01' })[0]?.message).toContain(
      'An annual report covers a year at most',
    );
    expect(checkPeriod({ ...year, from: '1900-01-01', to: '2026-11-30' })).toHaveLength(1);
    expect(addMonths('2008-11-30', 3)).toBe('2009-02-28');
    expect(addMonths('2008-01-31', 1)).toBe('2008-02-29');
  });
});

describe('the duty a report meets', () => {
  it('is the terms’ first reporting duty of its kind, or a refusal naming the body', () => {
    const terms = {
      reporting: [
        {
          id: 'minutes',
          report: 'minutes',
          to: ['x'],
          frequency: 'everyMeeting',
          clause: 'c1',
          text: 't1',
        },
        {
          id: 'annual',
          report: 'annualReport',
          to: ['x'],
          frequency: 'annually',
          clause: '2006 §110',
          text: 'an annual report',
        },
      ],
    } as unknown as Parameters<typeof dutyForReport>[0];
    const found = dutyForReport(terms, 'annual-report', 'North Central LCG');
    expect('duty' in found && found.duty.clause).toBe('2006 §110');
    const refused = dutyForReport(terms, 'progress-update', 'North Central LCG');
    expect('problem' in refused && refused.problem.message).toBe(
      'The terms of reference of North Central LCG in force name no duty to produce progress updates, so there is none to generate.',
    );
    expect('problem' in dutyForReport(undefined, 'annual-report', 'X')).toBe(true);
  });
});

describe('attendance', () => {
  const meetings = [
    { id: 'm1', on: '2026-09-10' },
    { id: 'm2', on: '2026-10-08' },
    { id: 'm3', on: '2026-11-12' },
  ];
  const holding = (id: string, sector: string | null, startsOn: string, endsOn: string | null) => ({
    id,
    personName: `Person ${id}`,
    organisationName: sector ? `${sector} PCT` : 'NHS London',
    sectorName: sector,
    seatTitle: 'Chief executive',
    startsOn,
    endsOn,
  });

  it('expects a member at the meetings held while they held the seat; no record is absent', () => {
    const members = attendanceByMember(
      meetings,
      [
        holding('a', 'North Central', '2026-01-01', null),
        holding('b', 'North Central', '2026-10-01', null),
        holding('c', null, '2026-01-01', '2026-09-30'),
        holding('d', 'South West', '2027-01-01', null),
      ],
      [
        { meetingId: 'm1', seatHoldingId: 'a', status: 'present' },
        { meetingId: 'm2', seatHoldingId: 'a', status: 'deputy' },
        { meetingId: 'm3', seatHoldingId: 'a', status: 'apologies' },
        { meetingId: 'm2', seatHoldingId: 'b', status: 'present' },
        { meetingId: 'm1', seatHoldingId: 'c', status: 'present' },
      ],
    );
    expect(members.map((member) => [member.name, member.expected])).toEqual([
      ['Person a', 3],
      ['Person b', 2],
      ['Person c', 1],
    ]);
    expect(members[0]).toMatchObject({ present: 1, deputised: 1, apologies: 1, absent: 0 });
    expect(members[1]).toMatchObject({ present: 1, absent: 1 });
    const bySector = attendanceBySector(members);
    expect(bySector).toEqual([
      { sector: 'London-wide members', attended: 1, expected: 1, percent: 100 },
      { sector: 'North Central', attended: 3, expected: 5, percent: 60 },
    ]);
  });
});

describe('periods in the calendar', () => {
  it('counts RAG at each month’s end, the last capped at the period’s end', () => {
    expect(monthEndsOf('2008-10-01', '2008-12-31')).toEqual([
      '2008-10-31',
      '2008-11-30',
      '2008-12-31',
    ]);
    expect(monthEndsOf('2008-12-15', '2009-02-10')).toEqual([
      '2008-12-31',
      '2009-01-31',
      '2009-02-10',
    ]);
    expect(monthEndsOf('2009-02-01', '2009-02-28')).toEqual(['2009-02-28']);
  });

  it('knows the financial year (April to March) and the quarter a date falls in', () => {
    expect(financialYearOf('2009-03-31')).toEqual({ from: '2008-04-01', to: '2009-03-31' });
    expect(financialYearOf('2008-04-01')).toEqual({ from: '2008-04-01', to: '2009-03-31' });
    expect(quarterOf('2008-11-05')).toEqual({ from: '2008-10-01', to: '2008-12-31' });
    expect(quarterOf('2009-02-28')).toEqual({ from: '2009-01-01', to: '2009-03-31' });
  });
});
