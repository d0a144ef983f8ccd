/**
 * Use case: the secretariat adds an item at the end of a meeting's agenda, under a lock on the
 * meeting so two items never take the same position, and records `meeting.agenda-item-added`.
 * A Part II (confidential) item must carry the resolution's reason for excluding the public
 * (Public Bodies (Admission to Meetings) Act 1960 s1).
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database, Transaction } from '../db/connection.ts';
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
  return db.transaction((transaction) =>
    addAgendaItemWithin(transaction, context, meeting.id, {
      title: options.title,
      purpose: options.purpose,
      isConfidential: options.isConfidential,
      // A public item has no resolution to exclude anyone, so no reason is kept for it.
      confidentialityReason: options.isConfidential ? reason : null,
    }),
  );
}

/**
 * Adds an item at the end of a meeting's agenda inside the caller's transaction, keeping the
 * agenda's own rules: a lock on the meeting so two items never take the same position, the
 * `meeting.agenda-item-added` event and the live page's change notice. For another capability's
 * use case (a collaborative forum called by a rejection) that has already checked its permission.
 */
export async function addAgendaItemWithin(
  transaction: Transaction,
  context: ActionContext,
  meetingId: string,
  item: {
    title: string;
    purpose: 'decision' | 'discussion' | 'information';
    isConfidential: boolean;
    confidentialityReason: string | null;
    description?: string | null;
  },
): Promise<{ agendaItemId: string; position: number }> {
  const agendaItemId = uuidv7();
  await lockMeeting(transaction, meetingId);
  const position = (await selectLastAgendaPosition(transaction, meetingId)) + 1;
  const row = { id: agendaItemId, position, ...item };
  await insertAgendaItem(transaction, { ...row, meetingId, createdAt: context.now });
  await recordAuditEvents(transaction, context, [
    {
      action: 'meeting.agenda-item-added',
      entityType: 'meeting',
      entityId: meetingId,
      after: row,
    },
  ]);
  await notifyMeetingChanged(transaction, meetingId);
  return { agendaItemId, position };
}
