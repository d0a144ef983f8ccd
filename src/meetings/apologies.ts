/**
 * Members send their own apologies. A signed-in account linked to a person who holds a seat on
 * the body on the meeting day may record "apologies" for that seat — never for anyone else's —
 * while the meeting is still to come. The record is the same one the secretariat keeps
 * (writeAttendance), audited in the same way, so the live quorum counts it at once.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import type { ResolvedHolding } from '../membership/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { ProblemError } from '../shared/problems.ts';
import { assertCountIsNotFixed } from './count-fixed.ts';
import { meetingFactsOf } from './meeting-facts.ts';
import { deleteAttendance, type MeetingRecord, selectAttendanceOf } from './meeting-queries.ts';
import type { MeetingReport } from './meeting-view.ts';
import { writeAttendance } from './record-attendance.ts';

function forbidden(detail: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You cannot send apologies for this seat',
    detail,
  });
}

/** Why apologies can no longer be sent, or null while the meeting is still to come. */
export function apologiesClosedReason(
  meeting: { status: string; startsAt: Date | string },
  now: Date,
): string | null {
  if (meeting.status === 'cancelled')
    return 'The meeting was cancelled, so no apologies are needed.';
  if (meeting.status === 'held') {
    return 'The meeting has been held; the secretariat keeps its attendance record now.';
  }
  if (new Date(meeting.startsAt).getTime() <= now.getTime()) {
    return 'The meeting has started; tell the secretariat, who keep its attendance record now.';
  }
  return null;
}

interface OwnSeats {
  meeting: MeetingRecord;
  seats: ResolvedHolding[];
}

/** The actor's own seats on the body on the meeting day; refused for anyone holding none. */
async function ownSeats(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  seatHoldingId?: string | undefined;
}): Promise<OwnSeats> {
  const { actor } = options;
  const { meeting, meetingOn, members } = await meetingFactsOf(options.db, options.meetingId);
  if (actor.kind !== 'account' || actor.personId === null) {
    throw forbidden(
      'Your account is not linked to a person in the registry, so it holds no seat; ask the secretariat to record apologies.',
    );
  }
  const closed = apologiesClosedReason(meeting, options.context.now);
  if (closed) {
    throw new ProblemError({
      status: 409,
      code: 'meeting-not-open',
      title: 'Apologies can no longer be sent for this meeting',
      detail: closed,
    });
  }
  const own = members.filter((member) => member.holding.personId === actor.personId);
  if (own.length === 0) {
    throw forbidden(
      `${actor.displayName} does not hold a seat on ${meeting.bodyTitle} on ${meetingOn}, so has no apologies to send for this meeting.`,
    );
  }
  if (options.seatHoldingId !== undefined) {
    const chosen = own.filter((member) => member.holding.id === options.seatHoldingId);
    if (chosen.length === 0) {
      throw forbidden(
        "You may send apologies only for your own seat; the secretariat records other members' attendance.",
      );
    }
    return { meeting, seats: chosen };
  }
  return { meeting, seats: own };
}

export interface OwnApologiesOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  /** One of the actor's own seat holdings; all of their seats on the body when left out. */
  seatHoldingId?: string | undefined;
}

/** Records apologies for the actor's own seat (or seats) on the body, audited. */
export async function sendOwnApologies(
  options: OwnApologiesOptions,
): Promise<{ meetingId: string; seats: { seatHoldingId: string; status: string }[] }> {
  const { meeting, seats } = await ownSeats(options);
  const recorded = [];
  for (const seat of seats) {
    const record = await writeAttendance(
      {
        db: options.db,
        context: options.context,
        meetingId: meeting.id,
        seatHoldingId: seat.holding.id,
        status: 'apologies',
      },
      meeting,
    );
    recorded.push({ seatHoldingId: record.seatHoldingId, status: record.status });
  }
  return { meetingId: meeting.id, seats: recorded };
}

/**
 * Withdraws the actor's own apologies: their record goes back to unrecorded, for the secretariat
 * to take on the day. Only apologies are withdrawn; a record the secretariat made otherwise stays.
 */
export async function withdrawOwnApologies(
  options: OwnApologiesOptions,
): Promise<{ meetingId: string; seats: { seatHoldingId: string; status: null }[] }> {
  const { meeting, seats } = await ownSeats(options);
  const withdrawn = await options.db.transaction(async (transaction) => {
    await assertCountIsNotFixed(transaction, meeting, 'attendance');
    const cleared: { seatHoldingId: string; status: null }[] = [];
    for (const seat of seats) {
      const before = await selectAttendanceOf(transaction, meeting.id, seat.holding.id);
      if (before?.status !== 'apologies') continue;
      await deleteAttendance(transaction, meeting.id, seat.holding.id);
      await recordAuditEvents(transaction, options.context, [
        {
          action: 'meeting.apologies-withdrawn',
          entityType: 'meeting',
          entityId: meeting.id,
          before: { member: seat.holding.personName, status: 'apologies' },
          after: {
            member: seat.holding.personName,
            seatHoldingId: seat.holding.id,
            status: null,
          },
        },
      ]);
      cleared.push({ seatHoldingId: seat.holding.id, status: null });
    }
    if (cleared.length > 0) await notifyMeetingChanged(transaction, meeting.id);
    return cleared;
  });
  if (withdrawn.length === 0) {
    throw new ProblemError({
      status: 409,
      code: 'no-apologies',
      title: 'No apologies to withdraw',
      detail: 'No apologies of yours are recorded for this meeting.',
    });
  }
  return { meetingId: meeting.id, seats: withdrawn };
}

export interface ApologiesOffer {
  /** The signed-in member's own seats on the meeting day, with what is recorded for each. */
  seats: { seatHoldingId: string; seatTitle: string; status: string | null }[];
  sent: boolean;
  closedReason: string | null;
}

/** What the meeting page offers the signed-in member: null for anyone without a seat that day. */
export function apologiesOffer(
  actor: Actor,
  report: MeetingReport,
  now: Date,
): ApologiesOffer | null {
  if (actor.kind !== 'account' || actor.personId === null) return null;
  const seats = report.attendance
    .filter((member) => member.personId === actor.personId)
    .map((member) => ({
      seatHoldingId: member.seatHoldingId,
      seatTitle: member.seatTitle,
      status: member.status,
    }));
  if (seats.length === 0) return null;
  return {
    seats,
    sent: seats.every((seat) => seat.status === 'apologies'),
    closedReason: apologiesClosedReason(
      { status: report.meeting.status, startsAt: report.meeting.startsAt },
      now,
    ),
  };
}
