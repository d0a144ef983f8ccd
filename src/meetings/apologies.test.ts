import { describe, expect, it } from 'vitest';
import type { Actor } from '../identity/policy.ts';
import { apologiesClosedReason, apologiesOffer } from './apologies.ts';
import type { MeetingReport } from './meeting-view.ts';

const now = new Date('2026-11-23T10:00:00Z');

const member: Actor = {
  kind: 'account',
  accountId: 'account-1',
  email: 'member@demo.invalid',
  displayName: 'Demo Member (Brent)',
  personId: 'person-brent',
  isAdministrator: false,
  bodyRoles: [],
  authenticatedBy: 'session',
};

function report(status: string | null, meetingStatus = 'scheduled'): MeetingReport {
  return {
    meeting: { status: meetingStatus, startsAt: '2026-12-10T14:00:00.000Z' },
    attendance: [
      { seatHoldingId: 'holding-brent', personId: 'person-brent', seatTitle: 'CCG chair', status },
      {
        seatHoldingId: 'holding-ealing',
        personId: 'person-ealing',
        seatTitle: 'Nominee',
        status: null,
      },
    ],
  } as unknown as MeetingReport;
}

describe('apologies while a meeting is still to come', () => {
  it('are closed once the meeting has started, been held or been cancelled', () => {
    const scheduled = { status: 'scheduled', startsAt: '2026-12-10T14:00:00Z' };
    expect(apologiesClosedReason(scheduled, now)).toBeNull();
    expect(
      apologiesClosedReason({ ...scheduled, startsAt: '2026-11-23T10:00:00Z' }, now),
    ).toContain('has started');
    expect(apologiesClosedReason({ ...scheduled, status: 'held' }, now)).toContain('been held');
    expect(apologiesClosedReason({ ...scheduled, status: 'cancelled' }, now)).toContain(
      'cancelled',
    );
  });

  it("are offered only for the signed-in member's own seats", () => {
    expect(apologiesOffer(member, report(null), now)).toEqual({
      seats: [{ seatHoldingId: 'holding-brent', seatTitle: 'CCG chair', status: null }],
      sent: false,
      closedReason: null,
    });
    expect(apologiesOffer(member, report('apologies'), now)?.sent).toBe(true);
    expect(apologiesOffer(member, report(null, 'held'), now)?.closedReason).toContain('held');
    expect(apologiesOffer({ ...member, personId: 'someone-else' }, report(null), now)).toBeNull();
    expect(apologiesOffer({ kind: 'anonymous' }, report(null), now)).toBeNull();
  });
});
