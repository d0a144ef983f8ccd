import { describe, expect, it } from 'vitest';
import type { Constitution } from '../governance/index.ts';
import {
  addMonths,
  checkCommission,
  commissionStateOf,
  endOfMonthAfter,
  nextDueOf,
  recommendationsIn,
  reportYearEndOf,
  seatRolesOf,
  sectorServedBy,
} from './accountability-rules.ts';

const terms = (sectors: { id: string; name: string }[]) =>
  ({ sectors, identity: { id: 'x', title: 'X', version: 1 } }) as unknown as Constitution;
const northCentral = terms([{ id: 'north-central', name: 'North Central' }]);
const london = terms([
  { id: 'north-west', name: 'North West' },
  { id: 'north-central', name: 'North Central' },
  { id: 'north-east', name: 'North East' },
  { id: 'south-east', name: 'South East' },
  { id: 'south-west', name: 'South West' },
]);
const lcg = { slug: 'london-commissioning-group', title: 'London Commissioning Group' };

describe('2008 Commissioning development: "The LCG will task the sector groups with reviews and collate the outcomes"', () => {
  it('a sector group is a body whose terms serve exactly one sector', () => {
    expect(sectorServedBy(northCentral)).toEqual({ id: 'north-central', name: 'North Central' });
    expect(sectorServedBy(london)).toBeUndefined();
    expect(sectorServedBy(undefined)).toBeUndefined();
  });

  it('may task a sector group, due on or after the day it is commissioned', () => {
    expect(
      checkCommission({
        commissioningBody: lcg,
        taskedBody: {
          slug: 'north-central-local-commissioning-group',
          title: 'North Central London Local Commissioning Group',
          constitution: northCentral,
        },
        commissionedOn: '2008-05-20',
        dueOn: '2008-05-20',
      }),
    ).toEqual([]);
  });

  it('refuses the London group tasking itself, quoting the clause', () => {
    const [problem] = checkCommission({
      commissioningBody: lcg,
      taskedBody: { ...lcg, constitution: london },
      commissionedOn: '2008-05-20',
      dueOn: '2008-09-30',
    });
    expect(problem?.field).toBe('sector');
    expect(problem?.message).toContain('cannot task itself');
    expect(problem?.message).toContain('2008 Commissioning development');
  });

  it('refuses a body that is not a sector group (the joint committee), and a missing one', () => {
    const [notSector] = checkCommission({
      commissioningBody: lcg,
      taskedBody: {
        slug: 'joint-committee-of-pcts',
        title: 'Joint Committee of PCTs',
        constitution: terms([]),
      },
      commissionedOn: '2008-05-20',
      dueOn: '2008-09-30',
    });
    expect(notSector?.message).toContain('Joint Committee of PCTs is not a sector group');
    const [missing] = checkCommission({
      commissioningBody: lcg,
      taskedBody: undefined,
      commissionedOn: '2008-05-20',
      dueOn: '2008-09-30',
    });
    expect(missing?.field).toBe('sector');
  });

  it('refuses a due date before the commission', () => {
    const problems = checkCommission({
      commissioningBody: lcg,
      taskedBody: { slug: 'nc', title: 'North Central', constitution: northCentral },
      commissionedOn: '2008-05-20',
      dueOn: '2008-05-19',
    });
    expect(problems).toEqual([
      {
        field: 'dueOn',
        message: 'The due date cannot be before the date the review was commissioned.',
      },
    ]);
  });

  it('states a commission: overdue after its due date, due soon within 28 days, reported, withdrawn', () => {
    const commission = { dueOn: '2008-09-30', withdrawnOn: null };
    expect(commissionStateOf(commission, false, '2008-10-01')).toBe('overdue');
    expect(commissionStateOf(commission, false, '2008-09-30')).toBe('due-soon');
    expect(commissionStateOf(commission, false, '2008-09-02')).toBe('due-soon');
    expect(commissionStateOf(commission, false, '2008-09-01')).toBe('commissioned');
    expect(commissionStateOf(commission, true, '2008-10-01')).toBe('reported');
    expect(
      commissionStateOf({ ...commission, withdrawnOn: '2008-07-01' }, true, '2008-10-01'),
    ).toBe('withdrawn');
  });

  it('reads recommendations one to a line, dropping blanks and bullets', () => {
    expect(recommendationsIn('- One\r\n\n  • Two  \n* Three\n   ')).toEqual([
      'One',
      'Two',
      'Three',
    ]);
  });
});

describe('2008 Communications: "regular progress updates and an annual report", briefings "at their monthly meeting" — when each duty is next due', () => {
  it('month arithmetic holds month ends and leap years', () => {
    expect(endOfMonthAfter('2008-01-15', 1)).toBe('2008-02-29');
    expect(endOfMonthAfter('2009-01-15', 1)).toBe('2009-02-28');
    expect(endOfMonthAfter('2008-12-01', 1)).toBe('2009-01-31');
    expect(endOfMonthAfter('2000-02-10', 0)).toBe('2000-02-29');
    expect(endOfMonthAfter('1900-02-10', 0)).toBe('1900-02-28');
    expect(addMonths('2008-11-30', 3)).toBe('2009-02-28');
    expect(addMonths('2007-11-30', 3)).toBe('2008-02-29');
    expect(addMonths('2008-08-31', 3)).toBe('2008-11-30');
    expect(reportYearEndOf('2008-04-01')).toBe('2009-03-31');
    expect(reportYearEndOf('2009-03-31')).toBe('2009-03-31');
  });

  it('monthly: met this month, next due by the end of next month; overdue once a month is missed', () => {
    const since = '2008-01-01';
    expect(
      nextDueOf({ frequency: 'monthly', lastMet: '2008-01-15', since, today: '2008-01-20' }),
    ).toEqual({
      lastMet: '2008-01-15',
      nextDue: '2008-02-29',
      status: 'met',
    });
    expect(
      nextDueOf({ frequency: 'monthly', lastMet: '2008-01-15', since, today: '2008-02-10' }),
    ).toMatchObject({
      nextDue: '2008-02-29',
      status: 'due',
    });
    expect(
      nextDueOf({ frequency: 'monthly', lastMet: '2008-01-15', since, today: '2008-03-01' }),
    ).toMatchObject({
      status: 'overdue',
    });
    expect(nextDueOf({ frequency: 'monthly', lastMet: null, since, today: '2008-01-05' })).toEqual({
      lastMet: null,
      nextDue: '2008-01-31',
      status: 'due',
    });
  });

  it('regularly: within three calendar months of the last time (decision 072)', () => {
    const since = '2008-01-01';
    expect(
      nextDueOf({ frequency: 'regularly', lastMet: '2008-11-30', since, today: '2008-12-01' }),
    ).toEqual({
      lastMet: '2008-11-30',
      nextDue: '2009-02-28',
      status: 'met',
    });
    expect(
      nextDueOf({ frequency: 'regularly', lastMet: '2008-11-30', since, today: '2009-03-01' }),
    ).toMatchObject({
      status: 'overdue',
    });
    expect(
      nextDueOf({ frequency: 'regularly', lastMet: null, since, today: '2008-02-01' }),
    ).toMatchObject({
      nextDue: '2008-04-01',
      status: 'due',
    });
  });

  it('annually: once in each report year (April to March)', () => {
    const since = '2008-01-01';
    expect(
      nextDueOf({ frequency: 'annually', lastMet: '2008-06-30', since, today: '2008-07-01' }),
    ).toEqual({
      lastMet: '2008-06-30',
      nextDue: '2010-03-31',
      status: 'met',
    });
    expect(
      nextDueOf({ frequency: 'annually', lastMet: '2008-06-30', since, today: '2009-05-01' }),
    ).toMatchObject({
      status: 'due',
    });
    expect(
      nextDueOf({ frequency: 'annually', lastMet: null, since, today: '2008-04-01' }),
    ).toMatchObject({
      nextDue: '2008-03-31',
      status: 'overdue',
    });
  });

  it('everyMeeting: the minutes of a held meeting are due by the meeting after it, met when distributed', () => {
    const since = '2008-01-01';
    const meetings = [
      { on: '2008-01-10', held: true, minutesDistributedOn: '2008-02-20' },
      { on: '2008-02-14', held: true, minutesDistributedOn: null },
      { on: '2008-03-13', held: false, minutesDistributedOn: null },
    ];
    expect(
      nextDueOf({
        frequency: 'everyMeeting',
        lastMet: '2008-02-20',
        since,
        today: '2008-03-01',
        meetings,
      }),
    ).toEqual({ lastMet: '2008-02-20', nextDue: '2008-03-13', status: 'met' });
    expect(
      nextDueOf({
        frequency: 'everyMeeting',
        lastMet: '2008-02-20',
        since,
        today: '2008-03-14',
        meetings,
      }),
    ).toMatchObject({ nextDue: '2008-03-13', status: 'overdue' });
    expect(
      nextDueOf({
        frequency: 'everyMeeting',
        lastMet: null,
        since,
        today: '2008-03-14',
        meetings: [{ on: '2008-03-13', held: true, minutesDistributedOn: null }],
      }),
    ).toEqual({ lastMet: null, nextDue: null, status: 'due' });
    expect(
      nextDueOf({
        frequency: 'everyMeeting',
        lastMet: null,
        since,
        today: '2008-03-14',
        meetings: [],
      }),
    ).toEqual({ lastMet: null, nextDue: null, status: 'not-yet-due' });
  });

  it('opens a seat group into its roles: the London PCT chief executives are the CCG chairs and nominees', () => {
    const constitution = {
      seatGroups: [
        {
          id: 'london-pct-chief-executives',
          roles: ['ccg-chair-chief-executive', 'ccg-nominated-chief-executive'],
        },
      ],
    } as unknown as Constitution;
    expect([
      ...seatRolesOf(constitution, ['london-pct-chief-executives', 'clinical-lead']),
    ]).toEqual(['ccg-chair-chief-executive', 'ccg-nominated-chief-executive', 'clinical-lead']);
  });
});
