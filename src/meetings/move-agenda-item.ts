/**
 * Use case: the secretariat moves an agenda item one place up or down, swapping it with its
 * neighbour, and records `meeting.agenda-item-moved`. Only before notice stating the business is
 * given (agenda-notice.ts): the order sent to members then stands.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { ProblemError } from '../shared/problems.ts';
import { loadAgendaItem } from './agenda-item-access.ts';
import { assertNoticeNotGiven } from './agenda-notice.ts';
import { assertMayManage, loadMeeting } from './meeting-access.ts';
import { lockMeeting, swapAgendaPositions } from './meeting-queries.ts';

/** Moves an item one place, returning its new position. */
export async function moveAgendaItem(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  agendaItemId: string;
  direction: 'up' | 'down';
}): Promise<{ agendaItemId: string; position: number }> {
  const { db, context } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  return db.transaction(async (transaction) => {
    await lockMeeting(transaction, meeting.id);
    const item = await loadAgendaItem(transaction, meeting, options.agendaItemId, 'moved');
    await assertNoticeNotGiven(transaction, meeting, context.now, 'Items can be reordered');
    const index = item.agenda.findIndex((candidate) => candidate.id === item.id);
    const neighbour = item.agenda[options.direction === 'up' ? index - 1 : index + 1];
    if (!neighbour) {
      throw new ProblemError({
        status: 409,
        code: 'cannot-move',
        title: 'The item cannot move that way',
        detail: `“${item.title}” is already the ${options.direction === 'up' ? 'first' : 'last'} item on the agenda.`,
      });
    }
    await swapAgendaPositions(transaction, item, neighbour);
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.agenda-item-moved',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { title: item.title, position: item.position },
        after: { title: item.title, position: neighbour.position },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { agendaItemId: item.id, position: neighbour.position };
  });
}
