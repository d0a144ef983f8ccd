import { describe, expect, it } from 'vitest';
import {
  checkDeferral,
  checkItem,
  checkMeetingTakesItems,
  checkWithdrawal,
  monthEnd,
  monthStart,
  monthText,
  neutraliseCell,
  planStatusOf,
} from './forward-plan-rules.ts';

const facts = {
  partTwoExpected: false,
  partTwoReason: null,
  expectedMonth: '2027-01-01',
  papersDueOn: null,
  meetingOn: null,
};

describe('Public Bodies (Admission to Meetings) Act 1960 s1(2): Part II only "for … special reasons stated in the resolution"', () => {
  it('refuses a Part II item without its reason, and a blank one', () => {
    for (const partTwoReason of [null, '   ']) {
      const check = checkItem({ ...facts, partTwoExpected: true, partTwoReason });
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.errors[0]?.field).toBe('partTwoReason');
    }
  });

  it('accepts a Part II item with its reason, and a public item without one', () => {
    expect(
      checkItem({ ...facts, partTwoExpected: true, partTwoReason: 'Commercial terms.' }).ok,
    ).toBe(true);
    expect(checkItem(facts).ok).toBe(true);
  });
});

describe('papers due, month and meeting', () => {
  it('refuses papers due after the meeting, accepts them on the day', () => {
    const meeting = { ...facts, meetingOn: '2027-01-14' };
    expect(checkItem({ ...meeting, papersDueOn: '2027-01-15' }).ok).toBe(false);
    expect(checkItem({ ...meeting, papersDueOn: '2027-01-14' }).ok).toBe(true);
  });

  it('without a meeting, refuses papers due after the expected month', () => {
    expect(checkItem({ ...facts, papersDueOn: '2027-02-01' }).ok).toBe(false);
    expect(checkItem({ ...facts, papersDueOn: '2027-01-31' }).ok).toBe(true);
  });

  it('refuses a meeting outside the expected month', () => {
    const check = checkItem({ ...facts, meetingOn: '2027-02-11' });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors[0]?.field).toBe('meetingId');
  });

  it('knows the months: first and last days, in words', () => {
    expect(monthStart('2027-02-11')).toBe('2027-02-01');
    expect(monthEnd('2028-02-01')).toBe('2028-02-29');
    expect(monthEnd('2027-12-01')).toBe('2027-12-31');
    expect(monthText('2027-01-01')).toBe('January 2027');
  });
});

describe('states', () => {
  const onAgenda = { status: 'on-agenda' as const, agendaItemWithdrawn: false };

  it('reads an item on an agenda from its meeting: to come, held (taken), cancelled', () => {
    expect(planStatusOf({ ...onAgenda, meetingStatus: 'scheduled' })).toBe('on-agenda');
    expect(planStatusOf({ ...onAgenda, meetingStatus: 'held' })).toBe('taken');
    expect(planStatusOf({ ...onAgenda, meetingStatus: 'cancelled' })).toBe('meeting-cancelled');
    expect(
      planStatusOf({ ...onAgenda, meetingStatus: 'scheduled', agendaItemWithdrawn: true }),
    ).toBe('off-agenda');
    expect(
      planStatusOf({ status: 'deferred', meetingStatus: null, agendaItemWithdrawn: false }),
    ).toBe('deferred');
  });

  it('defers only to a later month, never an item on a live agenda or one taken or withdrawn', () => {
    expect(checkDeferral('planned', '2027-01-01', '2027-03-01').ok).toBe(true);
    expect(checkDeferral('meeting-cancelled', '2027-01-01', '2027-03-01').ok).toBe(true);
    expect(checkDeferral('planned', '2027-01-01', '2027-01-01').ok).toBe(false);
    for (const status of ['on-agenda', 'taken', 'withdrawn'] as const) {
      const check = checkDeferral(status, '2027-01-01', '2027-03-01');
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.status).toBe(409);
    }
  });

  it('withdraws a planned item, not one on a live agenda', () => {
    expect(checkWithdrawal('planned').ok).toBe(true);
    expect(checkWithdrawal('on-agenda').ok).toBe(false);
    expect(checkWithdrawal('withdrawn').ok).toBe(false);
  });
});

describe('the meeting an item moves to', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const meeting = {
    title: 'London Commissioning Group',
    bodyId: 'lcg',
    status: 'scheduled',
    startsAt: new Date('2026-12-10T14:00:00Z'),
  };

  it('takes a scheduled meeting of the same body still to come', () => {
    expect(checkMeetingTakesItems(meeting, 'lcg', 'London Commissioning Group', now).ok).toBe(true);
  });

  it('refuses another body’s meeting, a held or cancelled one, and one already past', () => {
    const refusals = [
      checkMeetingTakesItems(meeting, 'jc', 'Joint Committee of PCTs', now),
      checkMeetingTakesItems({ ...meeting, status: 'held' }, 'lcg', 'LCG', now),
      checkMeetingTakesItems({ ...meeting, status: 'cancelled' }, 'lcg', 'LCG', now),
      checkMeetingTakesItems(
        { ...meeting, startsAt: new Date('2026-11-01T14:00:00Z') },
        'lcg',
        'LCG',
        now,
      ),
    ];
    expect(refusals.map((check) => check.ok)).toEqual([false, false, false, false]);
    const [other] = refusals;
    if (other && !other.ok)
      expect(other.errors[0]?.message).toContain('is not a meeting of Joint Committee of PCTs');
  });
});

describe('CSV cells against formula injection (OWASP)', () => {
  it('prefixes a cell that starts with =, +, -, @, tab or carriage return', () => {
    for (const cell of ['=SUM(A1)', '+1', '-1', '@cmd', '\tx', '\rx']) {
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    }
    expect(neutraliseCell('Stroke services')).toBe('Stroke services');
  });
});
