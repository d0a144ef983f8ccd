/**
 * Use case: the secretariat takes the attendance register in one save. Every member of the body
 * on the meeting day is on the register — present unless marked otherwise (apologies, absent, or a
 * deputy in their place where the terms provide for deputies) — and every row is recorded in one
 * transaction, each change audited as `meeting.attendance-recorded`, as recording one member's
 * attendance is (record-attendance.ts). A row that fails names its own field, so the page's error
 * summary links to it, and nothing is recorded.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { type FieldProblem, invalidInput, ProblemError } from '../shared/problems.ts';
import { assertCountIsNotFixed } from './count-fixed.ts';
import { assertMayManage } from './meeting-access.ts';
import { meetingFactsOf } from './meeting-facts.ts';
import { selectAttendance, upsertAttendance } from './meeting-queries.ts';
import { standingDeputyAttending } from './standing-attendance.ts';

export interface RegisterEntry {
  seatHoldingId: string;
  status: 'present' | 'apologies' | 'absent' | 'deputy';
  deputyName?: string | undefined;
  deputyAttendeeId?: string | undefined;
}

/**
 * Records the whole register. Members left out of `entries` are recorded present (the register
 * starts "all present"); an entry for anyone not a member that day is refused.
 */
export async function recordRegister(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  entries: RegisterEntry[];
}): Promise<{ recorded: number; changed: number }> {
  const { db, context } = options;
  const { meeting, meetingOn, constitution, members } = await meetingFactsOf(db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  const byHolding = new Map(options.entries.map((entry) => [entry.seatHoldingId, entry]));
  const problems: FieldProblem[] = [];
  for (const entry of options.entries) {
    if (!members.some((member) => member.holding.id === entry.seatHoldingId)) {
      problems.push({
        field: 'register',
        message: `Someone on the register is not a member of ${meeting.bodyTitle} on ${meetingOn}; reload the page and take the register again.`,
      });
    }
  }
  const rows: {
    member: string;
    seatHoldingId: string;
    status: RegisterEntry['status'];
    deputyName: string | null;
    deputyAttendeeId: string | null;
  }[] = [];
  for (const member of members) {
    const entry = byHolding.get(member.holding.id) ?? {
      seatHoldingId: member.holding.id,
      status: 'present' as const,
    };
    const name = member.holding.personName;
    const field = (what: string) => `${what}-${member.holding.id}`;
    let deputyName: string | null = null;
    let deputyAttendeeId: string | null = null;
    if (entry.status === 'deputy') {
      if (!constitution?.deputies) {
        problems.push({
          field: field('status'),
          message: `${name}: ${meeting.bodyTitle}’s terms of reference make no provision for deputies, so no one can attend in a member’s place. Record them as absent or as having sent apologies.`,
        });
        continue;
      }
      if (entry.deputyAttendeeId) {
        try {
          const deputy = await standingDeputyAttending(db, {
            deputyAttendeeId: entry.deputyAttendeeId,
            seatHoldingId: member.holding.id,
            memberName: name,
            meetingOn,
          });
          deputyName = deputy.name;
          deputyAttendeeId = deputy.id;
        } catch (caught) {
          if (!(caught instanceof ProblemError)) throw caught;
          for (const problem of caught.problem.errors ?? []) {
            problems.push({ field: field('deputyAttendeeId'), message: problem.message });
          }
          continue;
        }
      } else {
        deputyName = entry.deputyName?.trim() || null;
      }
      if (deputyName === null) {
        problems.push({
          field: field('deputyName'),
          message: `Enter the name of the deputy attending in ${name}’s place.`,
        });
        continue;
      }
    }
    rows.push({
      member: name,
      seatHoldingId: member.holding.id,
      status: entry.status,
      deputyName,
      deputyAttendeeId,
    });
  }
  if (problems.length > 0) {
    throw invalidInput(problems, 'Some rows of the register need attention; nothing was recorded.');
  }
  return db.transaction(async (transaction) => {
    await assertCountIsNotFixed(transaction, meeting, 'attendance');
    const before = new Map(
      (await selectAttendance(transaction, meeting.id)).map((record) => [
        record.seatHoldingId,
        record,
      ]),
    );
    const events = [];
    for (const { member, ...record } of rows) {
      const earlier = before.get(record.seatHoldingId);
      const unchanged =
        earlier !== undefined &&
        earlier.status === record.status &&
        earlier.deputyName === record.deputyName &&
        earlier.deputyAttendeeId === record.deputyAttendeeId;
      if (unchanged) continue;
      await upsertAttendance(transaction, {
        id: uuidv7(),
        meetingId: meeting.id,
        ...record,
        recordedAt: context.now,
      });
      events.push({
        action: 'meeting.attendance-recorded',
        entityType: 'meeting',
        entityId: meeting.id,
        before: earlier ? { member, status: earlier.status, deputyName: earlier.deputyName } : null,
        after: { member, ...record },
      });
    }
    if (events.length > 0) {
      await recordAuditEvents(transaction, context, events);
      await notifyMeetingChanged(transaction, meeting.id);
    }
    return { recorded: rows.length, changed: events.length };
  });
}
