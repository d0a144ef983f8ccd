/**
 * Draft a minute: the secretariat writes (or rewrites) the minute of one agenda item while the
 * minutes are a draft. Approved minutes are what was signed at the next meeting (standing orders,
 * SI 1991/809), so once they are approved every change is refused; approval takes the same lock.
 * Audit event: `minutes.drafted`.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { lockMeeting, meetingFactsOf } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { notFound, ProblemError } from '../shared/problems.ts';
import { assertMayManage } from './minutes-access.ts';
import {
  selectApproval,
  selectMinuteEntries,
  selectMinutesAgenda,
  upsertMinuteEntry,
} from './minutes-queries.ts';

function approvedMinutesAreFinal(title: string): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'minutes-approved',
    title: 'The minutes are approved',
    detail: `The minutes of ${title} are approved: approved minutes are signed and cannot change.`,
    errors: [
      {
        field: 'text',
        message: 'These minutes are approved: approved minutes are signed and cannot change.',
      },
    ],
  });
}

/**
 * Writes (or replaces) the minute of one agenda item while the minutes are a draft. Once they are
 * approved the record is what was signed, so any change is refused.
 */
export async function draftMinute(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  agendaItemId: string;
  text: string;
}): Promise<{ agendaItemId: string; text: string; updatedAt: string }> {
  const { db, context } = options;
  const { meeting } = await meetingFactsOf(db, options.meetingId);
  assertMayManage(options.actor, meeting);
  const item = (await selectMinutesAgenda(db, meeting.id)).find(
    (candidate) => candidate.id === options.agendaItemId,
  );
  if (!item) throw notFound(`agenda item of ${meeting.title}`, options.agendaItemId);
  const text = options.text.trim();
  await db.transaction(async (transaction) => {
    // Approval takes the same lock, so a minute cannot slip in while the minutes are being signed.
    await lockMeeting(transaction, meeting.id);
    if (await selectApproval(transaction, meeting.id)) throw approvedMinutesAreFinal(meeting.title);
    const before = (await selectMinuteEntries(transaction, meeting.id)).find(
      (entry) => entry.agendaItemId === item.id,
    );
    await upsertMinuteEntry(transaction, {
      id: uuidv7(),
      meetingId: meeting.id,
      agendaItemId: item.id,
      text,
      updatedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'minutes.drafted',
        entityType: 'meeting',
        entityId: meeting.id,
        before: before ? { agendaItem: item.position, text: before.text } : null,
        after: { agendaItem: item.position, title: item.title, text },
      },
    ]);
  });
  return { agendaItemId: item.id, text, updatedAt: context.now.toISOString() };
}
