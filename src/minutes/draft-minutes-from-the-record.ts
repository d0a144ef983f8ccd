/**
 * Draft the minutes from the record: the secretariat saves, as the minute of every agenda item not
 * yet written, what the record says of it (`minutes-from-the-record.ts`, in the words of
 * `minutes-from-the-record-text.ts`). A minute the secretary already saved is never replaced: the
 * record is a starting point, and the narrative is theirs. Refused once the minutes are approved,
 * under the lock approval takes. Audit event: `minutes.drafted`, one per item filled.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { lockMeeting } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { ProblemError } from '../shared/problems.ts';
import { getMinutesFromTheRecord } from './minutes-from-the-record.ts';
import { minuteFromTheRecord } from './minutes-from-the-record-text.ts';
import { selectApproval, selectMinuteEntries, upsertMinuteEntry } from './minutes-queries.ts';

/**
 * Saves the record's text as the minute of each item that has none yet; returns how many items
 * were filled and how many already had a minute of the secretary's, which were kept as written.
 */
export async function draftMinutesFromTheRecord(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
}): Promise<{ filled: number; kept: number }> {
  const { db, context } = options;
  // The read model checks that the actor keeps this body's minutes.
  const record = await getMinutesFromTheRecord({
    db,
    actor: options.actor,
    meetingId: options.meetingId,
    now: context.now,
  });
  const texts = record.items
    .map((item) => ({ item, text: minuteFromTheRecord(item) }))
    .filter((entry) => entry.text.length > 0);
  return db.transaction(async (transaction) => {
    await lockMeeting(transaction, record.meeting.id);
    if (await selectApproval(transaction, record.meeting.id)) {
      throw new ProblemError({
        status: 409,
        code: 'minutes-approved',
        title: 'The minutes are approved',
        detail: `The minutes of ${record.meeting.title} are approved: approved minutes are signed and cannot change.`,
      });
    }
    // Read under the lock, so a minute saved a moment ago is seen and kept.
    const written = new Set(
      (await selectMinuteEntries(transaction, record.meeting.id)).map(
        (entry) => entry.agendaItemId,
      ),
    );
    const toFill = texts.filter(({ item }) => !written.has(item.id));
    for (const { item, text } of toFill) {
      await upsertMinuteEntry(transaction, {
        id: uuidv7(),
        meetingId: record.meeting.id,
        agendaItemId: item.id,
        text,
        updatedAt: context.now,
      });
    }
    if (toFill.length > 0) {
      await recordAuditEvents(
        transaction,
        context,
        toFill.map(({ item, text }) => ({
          action: 'minutes.drafted',
          entityType: 'meeting',
          entityId: record.meeting.id,
          before: null,
          after: { agendaItem: item.position, title: item.title, text, fromTheRecord: true },
        })),
      );
    }
    return { filled: toFill.length, kept: texts.length - toFill.length };
  });
}
