/**
 * Use case: the secretariat records a member's declaration of an interest in one agenda item and
 * records `meeting.interest-declared`. Serves SI 1991/809 reg 10 ("Pecuniary interest: disclose,
 * take no part in discussion or vote"): where the terms say so, the declaration leaves the member
 * out of that item's quorum in the meeting's view.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { assertCountIsNotFixed } from './count-fixed.ts';
import { assertMayManage, loadMeeting } from './meeting-access.ts';
import { memberOnMeetingDay } from './meeting-members.ts';
import { insertDeclaration, selectAgendaItemDetails } from './meeting-queries.ts';
import type { InterestKind } from './meeting-rules.ts';

/** Records a member's declaration of an interest in one agenda item of the meeting. */
export async function declareInterest(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  agendaItemId: string;
  seatHoldingId: string;
  kind: InterestKind;
  interest: string;
}): Promise<{ declarationId: string }> {
  const { db, context } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  const item = (await selectAgendaItemDetails(db, meeting.id)).find(
    (candidate) => candidate.id === options.agendaItemId,
  );
  if (!item) {
    throw invalidInput([
      { field: 'agendaItemId', message: `That item is not on the agenda of ${meeting.title}.` },
    ]);
  }
  if (item.withdrawnAt !== null) {
    throw invalidInput([
      {
        field: 'agendaItemId',
        message: `Item ${item.position}, “${item.title}”, was withdrawn from the agenda, so no interest is declared in it.`,
      },
    ]);
  }
  const member = await memberOnMeetingDay(db, meeting, options.seatHoldingId);
  const declarationId = uuidv7();
  await db.transaction(async (transaction) => {
    await assertCountIsNotFixed(transaction, meeting, 'declarations');
    await insertDeclaration(transaction, {
      id: declarationId,
      meetingId: meeting.id,
      agendaItemId: item.id,
      seatHoldingId: member.holding.id,
      kind: options.kind,
      interest: options.interest,
      declaredAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.interest-declared',
        entityType: 'meeting',
        entityId: meeting.id,
        after: {
          declarationId,
          agendaItem: item.position,
          member: member.holding.personName,
          kind: options.kind,
          interest: options.interest,
        },
      },
    ]);
    await notifyMeetingChanged(transaction, meeting.id);
  });
  return { declarationId };
}
