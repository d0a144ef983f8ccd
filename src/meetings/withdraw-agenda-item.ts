/**
 * Use case: the secretariat withdraws an agenda item before notice stating the business is given
 * (agenda-notice.ts), recording `meeting.agenda-item-withdrawn` with why. The item is not deleted:
 * it stays in the record at its place, marked withdrawn, so the agenda's history reads true.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { loadAgendaItem } from './agenda-item-access.ts';
import { assertNoticeNotGiven } from './agenda-notice.ts';
import { assertMayManage, loadMeeting } from './meeting-access.ts';
import { lockMeeting, markAgendaItemWithdrawn } from './meeting-queries.ts';

export async function withdrawAgendaItem(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  agendaItemId: string;
  reason: string;
}): Promise<{ agendaItemId: string }> {
  const { db, context } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  const reason = options.reason.trim();
  if (reason === '') {
    throw invalidInput([
      { field: 'reason', message: 'Enter why the item is withdrawn: the record keeps it.' },
    ]);
  }
  return db.transaction(async (transaction) => {
    await lockMeeting(transaction, meeting.id);
    const item = await loadAgendaItem(transaction, meeting, options.agendaItemId, 'withdrawn');
    await assertNoticeNotGiven(transaction, meeting, context.now, 'An item can be withdrawn');
    await markAgendaItemWithdrawn(transaction, item.id, {
      withdrawnAt: context.now,
      withdrawnReason: reason,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.agenda-item-withdrawn',
        entityType: 'meeting',
        entityId: meeting.id,
        before: { title: item.title, position: item.position, withdrawn: false },
        after: { title: item.title, position: item.position, withdrawn: true, reason },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
    return { agendaItemId: item.id };
  });
}
