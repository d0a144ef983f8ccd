/**
 * Use case: the secretariat adds an item at the end of a meeting's agenda, under a lock on the
 * meeting so two items never take the same position, and records `meeting.agenda-item-added`.
 * A Part II (confidential) item must carry the resolution's reason for excluding the public
 * (Public Bodies (Admission to Meetings) Act 1960 s1).
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { assertMayManage, loadMeeting } from './meeting-access.ts';
import { insertAgendaItem, lockMeeting, selectLastAgendaPosition } from './meeting-queries.ts';

/** Adds an item at the end of the agenda; a Part II item needs the resolution's reason. */
export async function addAgendaItem(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  title: string;
  purpose: 'decision' | 'discussion' | 'information';
  isConfidential: boolean;
  confidentialityReason?: string | undefined;
}): Promise<{ agendaItemId: string; position: number }> {
  const { db, context } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  const reason = options.confidentialityReason?.trim() || null;
  if (options.isConfidential && reason === null) {
    throw invalidInput([
      {
        field: 'confidentialityReason',
        message:
          'A Part II item needs the resolution’s reason for excluding the public: that publicity would be prejudicial because of the confidential nature of the business (Public Bodies (Admission to Meetings) Act 1960 s1).',
      },
    ]);
  }
  const agendaItemId = uuidv7();
  return db.transaction(async (transaction) => {
    await lockMeeting(transaction, meeting.id);
    const position = (await selectLastAgendaPosition(transaction, meeting.id)) + 1;
    const item = {
      id: agendaItemId,
      position,
      title: options.title,
      purpose: options.purpose,
      isConfidential: options.isConfidential,
      // A public item has no resolution to exclude anyone, so no reason is kept for it.
      confidentialityReason: options.isConfidential ? reason : null,
    };
    await insertAgendaItem(transaction, { ...item, meetingId: meeting.id, createdAt: context.now });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.agenda-item-added',
        entityType: 'meeting',
        entityId: meeting.id,
        after: item,
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { agendaItemId, position };
  });
}
