/**
 * A collaborative forum, called inside the transaction of the rejection that calls it: an item on
 * the local group's next meeting that can still take business, or — no such meeting — recorded
 * as waiting for the secretariat to place it once one is called (Model Collaborative Commissioning
 * Agreement: "a rejection blocks the action and calls a collaborative forum").
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Transaction } from '../db/connection.ts';
import { addAgendaItemWithin, nextMeetingTakingBusiness } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { collaborativeForumClause } from './arrangement-rules.ts';
import { insertForum, placeForumRow } from './proposed-action-queries.ts';

export interface ForumItem {
  title: string;
  description: string;
}

/** What the agenda item says: the provider, service and action, and who rejected it and why. */
export function forumItem(facts: {
  providerName: string;
  service: string;
  actionText: string;
  rejectedBy: string;
  reason: string;
}): ForumItem {
  return {
    title: `Collaborative forum: ${facts.providerName}, ${facts.service}`,
    description: `The lead commissioner proposed: "${facts.actionText}". ${facts.rejectedBy} rejected it: "${facts.reason}". The action is blocked until the forum resolves it (${collaborativeForumClause.clause}).`,
  };
}

/** Puts the forum's item at the end of the meeting's agenda, keeping the agenda's own rules. */
export async function placeOnAgenda(
  transaction: Transaction,
  context: ActionContext,
  forumId: string,
  meetingId: string,
  item: ForumItem,
) {
  const placed = await addAgendaItemWithin(transaction, context, meetingId, {
    title: item.title,
    purpose: 'decision',
    isConfidential: false,
    confidentialityReason: null,
    description: item.description,
  });
  await placeForumRow(transaction, forumId, meetingId, placed.agendaItemId);
  return placed;
}

export async function callForum(
  transaction: Transaction,
  context: ActionContext,
  facts: { proposedActionId: string; arrangementId: string; bodyId: string; item: ForumItem },
): Promise<{ forumId: string; meetingId: string | null; agendaItemId: string | null }> {
  const forumId = uuidv7();
  await insertForum(transaction, {
    id: forumId,
    proposedActionId: facts.proposedActionId,
    bodyId: facts.bodyId,
    meetingId: null,
    agendaItemId: null,
    calledAt: context.now,
  });
  const meeting = await nextMeetingTakingBusiness(transaction, facts.bodyId, context.now);
  const placed = meeting
    ? await placeOnAgenda(transaction, context, forumId, meeting.id, facts.item)
    : undefined;
  await recordAuditEvents(transaction, context, [
    {
      action: 'collaborative-forum.called',
      entityType: 'lead-arrangement',
      entityId: facts.arrangementId,
      after: {
        forumId,
        proposedActionId: facts.proposedActionId,
        meetingId: meeting?.id ?? null,
        agendaItemId: placed?.agendaItemId ?? null,
        waiting: placed === undefined,
      },
    },
  ]);
  return {
    forumId,
    meetingId: meeting?.id ?? null,
    agendaItemId: placed?.agendaItemId ?? null,
  };
}
