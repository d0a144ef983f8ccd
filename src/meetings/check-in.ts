/**
 * Use case: a member marks themselves present while the secretariat has the register open
 * (open-register.ts). Only a signed-in account linked to a person who holds a seat on the body on
 * the meeting day may, and only for their own seat (or seats); the record is the one the
 * secretariat keeps (writeAttendance), audited as `meeting.attendance-recorded`, so the live quorum
 * counts it at once. With the register closed, or the meeting cancelled or held, it is refused.
 */
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { ProblemError } from '../shared/problems.ts';
import { meetingFactsOf } from './meeting-facts.ts';
import { selectAttendance } from './meeting-queries.ts';
import type { MeetingReport } from './meeting-view.ts';
import { writeAttendance } from './record-attendance.ts';

function refused(status: 403 | 409, code: string, detail: string): ProblemError {
  return new ProblemError({ status, code, title: 'You cannot check in to this meeting', detail });
}

/** Why members cannot check in now, or null while the register is open. */
export function checkInClosedReason(meeting: {
  status: string;
  registerOpenedAt: Date | string | null;
}): string | null {
  if (meeting.status === 'cancelled') return 'The meeting was cancelled.';
  if (meeting.status === 'held') {
    return 'The meeting has been held; the secretariat keeps its attendance record.';
  }
  if (meeting.registerOpenedAt === null) {
    return 'The secretariat has not opened the register; tell them you are here.';
  }
  return null;
}

/** Records the actor present for each of their own seats on the body that day. */
export async function checkIn(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
}): Promise<{ meetingId: string; seats: { seatHoldingId: string; status: string }[] }> {
  const { actor } = options;
  const { meeting, meetingOn, members } = await meetingFactsOf(options.db, options.meetingId);
  if (actor.kind !== 'account' || actor.personId === null) {
    throw refused(
      403,
      'forbidden',
      'Your account is not linked to a person in the registry, so it holds no seat; tell the secretariat you are here.',
    );
  }
  const own = members.filter((member) => member.holding.personId === actor.personId);
  if (own.length === 0) {
    throw refused(
      403,
      'forbidden',
      `${actor.displayName} does not hold a seat on ${meeting.bodyTitle} on ${meetingOn}, so has no seat to check in to.`,
    );
  }
  const closed = checkInClosedReason(meeting);
  if (closed) throw refused(409, 'register-closed', closed);
  const seats = [];
  for (const seat of own) {
    const record = await writeAttendance(
      {
        db: options.db,
        context: options.context,
        meetingId: meeting.id,
        seatHoldingId: seat.holding.id,
        status: 'present',
      },
      meeting,
    );
    seats.push({ seatHoldingId: record.seatHoldingId, status: record.status });
  }
  return { meetingId: meeting.id, seats };
}

export interface CheckInOffer {
  /** Whether every one of the member's seats is already recorded present. */
  checkedIn: boolean;
  /** Why they cannot check in now, or null while the register is open. */
  closedReason: string | null;
}

/** What a page offers the signed-in member: null for anyone without a seat that day. */
export function checkInOffer(
  actor: Actor,
  report: Pick<MeetingReport, 'attendance' | 'registerOpen'> & {
    meeting: { status: string };
  },
): CheckInOffer | null {
  if (actor.kind !== 'account' || actor.personId === null) return null;
  const seats = report.attendance.filter((member) => member.personId === actor.personId);
  if (seats.length === 0) return null;
  return {
    checkedIn: seats.every((seat) => seat.status === 'present'),
    closedReason: checkInClosedReason({
      status: report.meeting.status,
      registerOpenedAt: report.registerOpen ? 'open' : null,
    }),
  };
}

/** The same offer for a page that has no meeting report of its own (the live page). */
export async function getCheckInOffer(options: {
  db: Database;
  actor: Actor;
  meetingId: string;
}): Promise<CheckInOffer | null> {
  const { actor } = options;
  if (actor.kind !== 'account' || actor.personId === null) return null;
  const { meeting, members } = await meetingFactsOf(options.db, options.meetingId);
  const own = members.filter((member) => member.holding.personId === actor.personId);
  if (own.length === 0) return null;
  const statuses = new Map(
    (await selectAttendance(options.db, meeting.id)).map((record) => [
      record.seatHoldingId,
      record.status,
    ]),
  );
  return {
    checkedIn: own.every((member) => statuses.get(member.holding.id) === 'present'),
    closedReason: checkInClosedReason(meeting),
  };
}
