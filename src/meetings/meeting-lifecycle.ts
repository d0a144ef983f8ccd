/**
 * A meeting's life after it is scheduled: the secretariat records that it was held, or cancels it
 * with the reason. Both are one-way: a held meeting's record stands as it took place (minutes,
 * attendance and approvals depend on it), and a cancelled meeting is replaced by scheduling a new
 * one rather than revived, so the calendar feed and the minutes sequence never flip back.
 */

import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import { evaluateQuorum } from '../governance/index.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import { assertMayManage } from './meeting-access.ts';
import { meetingFactsOf } from './meeting-facts.ts';
import { selectMeetingStatusForUpdate, updateMeetingStatus } from './meeting-lifecycle-queries.ts';
import { selectMeeting } from './meeting-queries.ts';
import { londonDateAndTime } from './series-rules.ts';

export const maximumCancellationReasonLength = 1000;

/** What the secretariat may still do with a meeting's status, as the meeting page offers it. */
export interface LifecycleOffer {
  status: string;
  /** Whether "Record that the meeting was held" can be pressed now. */
  mayRecordHeld: boolean;
  /** Why it cannot, when the meeting is scheduled but has not started. */
  heldNotYetReason: string | null;
  mayCancel: boolean;
}

function refusal(code: string, title: string, field: string, detail: string): ProblemError {
  return new ProblemError({
    status: 409,
    code,
    title,
    detail,
    errors: [{ field, message: detail }],
  });
}

/**
 * Why the meeting cannot be recorded as held now, or null when it can: not before it starts (the
 * record would claim something that has not happened), not once cancelled, and only once.
 */
export function heldRefusal(
  meeting: { title: string; status: string; startsAt: Date },
  now: Date,
): ProblemError | null {
  if (meeting.status === 'held') {
    return refusal(
      'meeting-already-held',
      'The meeting is already recorded as held',
      'status',
      `${meeting.title} is already recorded as held.`,
    );
  }
  if (meeting.status === 'cancelled') {
    return refusal(
      'meeting-cancelled',
      'A cancelled meeting cannot be held',
      'status',
      `${meeting.title} was cancelled, so it cannot be recorded as held; schedule a new meeting instead.`,
    );
  }
  if (meeting.startsAt.getTime() > now.getTime()) {
    return refusal(
      'meeting-not-started',
      'The meeting has not started',
      'status',
      `${meeting.title} starts at ${londonDateAndTime(meeting.startsAt)}; it can be recorded as held once it has started.`,
    );
  }
  return null;
}

/** Why the meeting cannot be cancelled, or null when it can: never once held, and only once. */
export function cancellationRefusal(meeting: {
  title: string;
  status: string;
}): ProblemError | null {
  if (meeting.status === 'cancelled') {
    return refusal(
      'meeting-already-cancelled',
      'The meeting is already cancelled',
      'reason',
      `${meeting.title} is already cancelled.`,
    );
  }
  if (meeting.status === 'held') {
    return refusal(
      'meeting-held',
      'A held meeting cannot be cancelled',
      'reason',
      `${meeting.title} has been held, so it cannot be cancelled: its record stands as it took place.`,
    );
  }
  return null;
}

/** The lifecycle choices the meeting page shows this reader; null for anyone who may not use them. */
export function lifecycleOffer(
  actor: Actor,
  meeting: { title: string; status: string; startsAt: string; body: { slug: string } },
  now: Date,
): LifecycleOffer | null {
  if (!mayRunBody(actor, meeting.body.slug)) return null;
  const startsAt = new Date(meeting.startsAt);
  const scheduled = meeting.status === 'scheduled';
  const notStarted = scheduled && startsAt.getTime() > now.getTime();
  return {
    status: meeting.status,
    mayRecordHeld: heldRefusal({ ...meeting, startsAt }, now) === null,
    heldNotYetReason: notStarted
      ? `You can record that the meeting was held once it has started (${londonDateAndTime(startsAt)}).`
      : null,
    mayCancel: cancellationRefusal(meeting) === null,
  };
}

async function loadForChange(db: Database, actor: Actor, meetingId: string) {
  const meeting = await selectMeeting(db, meetingId);
  if (!meeting) throw notFound('meeting', meetingId);
  assertMayManage(actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  return meeting;
}

/**
 * Records that a meeting took place. The engine's quorum as the attendance then stood is kept in
 * the audit event, so the trail shows whether the meeting that was held could do business.
 */
export async function recordMeetingHeld(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
}): Promise<{ meetingId: string; status: 'held'; quorum: string | null }> {
  const { db, context } = options;
  const meeting = await loadForChange(db, options.actor, options.meetingId);
  return db.transaction(async (transaction) => {
    // Read again under the row lock: a concurrent cancellation or second "held" must lose.
    const current = await selectMeetingStatusForUpdate(transaction, meeting.id);
    if (!current) throw notFound('meeting', meeting.id);
    const refused = heldRefusal({ title: meeting.title, ...current }, context.now);
    if (refused) throw refused;
    const { constitution, facts } = await meetingFactsOf(transaction, meeting.id);
    const verdict = constitution ? evaluateQuorum(constitution, facts) : undefined;
    const quorum = verdict?.ok
      ? `${verdict.value.explanation.summary} (${verdict.value.explanation.clause})`
      : null;
    await updateMeetingStatus(transaction, meeting.id, { status: 'held', cancelledReason: null });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.held',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { status: current.status },
        after: {
          status: 'held',
          startsAt: current.startsAt.toISOString(),
          quorate: verdict?.ok ? verdict.value.quorate : null,
          quorum,
        },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { meetingId: meeting.id, status: 'held' as const, quorum };
  });
}

/**
 * Cancels a meeting that has not been held, keeping the reason with it: the meeting list, its page
 * and the calendar feed show it as cancelled, and the minutes sequence skips it.
 */
export async function cancelMeeting(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  reason: string;
}): Promise<{ meetingId: string; status: 'cancelled'; reason: string }> {
  const { db, context } = options;
  const meeting = await loadForChange(db, options.actor, options.meetingId);
  const reason = options.reason.trim();
  if (reason === '' || reason.length > maximumCancellationReasonLength) {
    throw invalidInput([
      {
        field: 'reason',
        message:
          reason === ''
            ? 'Enter why the meeting is cancelled: members, the public and the calendar feed are told.'
            : `Keep the reason under ${maximumCancellationReasonLength} characters.`,
      },
    ]);
  }
  return db.transaction(async (transaction) => {
    const current = await selectMeetingStatusForUpdate(transaction, meeting.id);
    if (!current) throw notFound('meeting', meeting.id);
    const refused = cancellationRefusal({ title: meeting.title, status: current.status });
    if (refused) throw refused;
    await updateMeetingStatus(transaction, meeting.id, {
      status: 'cancelled',
      cancelledReason: reason,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.cancelled',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { status: current.status },
        after: { status: 'cancelled', reason, startsAt: current.startsAt.toISOString() },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { meetingId: meeting.id, status: 'cancelled' as const, reason };
  });
}
