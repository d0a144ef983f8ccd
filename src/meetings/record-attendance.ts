/**
 * Use case: the secretariat records one member's attendance at a meeting (present, apologies,
 * absent, or a deputy in their place), replacing any earlier record and recording
 * `meeting.attendance-recorded`. The record feeds the live quorum (e.g. 2008 §Quorum, "a minimum
 * of 8 London PCT Chief Executives … in addition to the Chair"); a deputy is named but does not
 * count. `writeAttendance` is the record itself, shared with members sending their own apologies.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { assertCountIsNotFixed } from './count-fixed.ts';
import { assertMayManage, loadMeeting } from './meeting-access.ts';
import { memberOnMeetingDay } from './meeting-members.ts';
import { type MeetingRecord, selectAttendanceOf, upsertAttendance } from './meeting-queries.ts';
import { standingDeputyAttending } from './standing-attendance.ts';

/**
 * Records one member's attendance, replacing any earlier record for them. Only someone holding a
 * seat on the body on the meeting day may be recorded; a deputy is recorded with their name.
 */
export async function recordAttendance(options: RecordAttendanceOptions & { actor: Actor }) {
  const meeting = await loadMeeting(options.db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  return writeAttendance(options, meeting);
}

export interface RecordAttendanceOptions {
  db: Database;
  context: ActionContext;
  meetingId: string;
  seatHoldingId: string;
  status: 'present' | 'apologies' | 'absent' | 'deputy';
  deputyName?: string | undefined;
  /** A standing deputy named for the member (the deputy's name is then taken from the record). */
  deputyAttendeeId?: string | undefined;
}

/**
 * The attendance record itself, once the caller has decided who may make it: the secretariat for
 * any member (recordAttendance), or a member sending their own apologies (apologies.ts).
 */
export async function writeAttendance(
  options: RecordAttendanceOptions,
  meeting: MeetingRecord,
): Promise<{
  seatHoldingId: string;
  status: string;
  deputyName: string | null;
  deputyAttendeeId: string | null;
}> {
  const { db, context } = options;
  if (options.deputyAttendeeId && options.status !== 'deputy') {
    throw invalidInput([
      {
        field: 'deputyAttendeeId',
        message: 'A standing deputy is recorded only when the status is deputy.',
      },
    ]);
  }
  const member = await memberOnMeetingDay(db, meeting, options.seatHoldingId);
  const standingDeputy = options.deputyAttendeeId
    ? await standingDeputyAttending(db, {
        deputyAttendeeId: options.deputyAttendeeId,
        seatHoldingId: member.holding.id,
        memberName: member.holding.personName,
        meetingOn: londonDate(meeting.startsAt),
      })
    : null;
  const deputyName = standingDeputy?.name ?? (options.deputyName?.trim() || null);
  if (options.status === 'deputy' && deputyName === null) {
    throw invalidInput([
      { field: 'deputyName', message: 'Enter the name of the deputy attending in their place.' },
    ]);
  }
  const record = {
    seatHoldingId: member.holding.id,
    status: options.status,
    // Only a deputy's record names someone else; any other status is the member's own.
    deputyName: options.status === 'deputy' ? deputyName : null,
    deputyAttendeeId: standingDeputy?.id ?? null,
  };
  await db.transaction(async (transaction) => {
    await assertCountIsNotFixed(transaction, meeting, 'attendance');
    const before = await selectAttendanceOf(transaction, meeting.id, member.holding.id);
    await upsertAttendance(transaction, {
      id: uuidv7(),
      meetingId: meeting.id,
      ...record,
      recordedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.attendance-recorded',
        entityType: 'meeting',
        entityId: meeting.id,
        before: before
          ? {
              member: member.holding.personName,
              status: before.status,
              deputyName: before.deputyName,
            }
          : null,
        after: { member: member.holding.personName, ...record },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
  });
  return record;
}
