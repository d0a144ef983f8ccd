/**
 * Use case: the local group's secretariat places a waiting collaborative forum — called by a
 * rejection when the group had no meeting that could take business — on its next meeting whose
 * notice has not yet gone out (Model Collaborative Commissioning Agreement).
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { nextMeetingTakingBusiness } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, notFound } from '../shared/problems.ts';
import { forbidden, loadArrangement, mayWrite, runsTheArea } from './arrangement-access.ts';
import { selectOrganisationFacts } from './arrangement-queries.ts';
import { collaborativeForumClause } from './arrangement-rules.ts';
import { forumItem, placeOnAgenda } from './call-forum.ts';
import {
  lockForum,
  selectForum,
  selectProposedAction,
  selectResponses,
} from './proposed-action-queries.ts';

export async function placeForumOnAgenda(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  forumId: string;
}): Promise<{ meetingId: string; agendaItemId: string }> {
  const { db, context, actor } = options;
  const forum = await selectForum(db, options.forumId);
  if (!forum) throw notFound('collaborative forum', options.forumId);
  const action = await selectProposedAction(db, forum.proposedActionId);
  if (!action) throw notFound('proposed action', forum.proposedActionId);
  const arrangement = await loadArrangement(db, action.arrangementId);
  if (!mayWrite(actor) || !runsTheArea(actor, arrangement.bodySlug)) {
    throw forbidden(
      `Only an administrator or the secretariat of ${arrangement.bodyTitle} may place a collaborative forum on its agenda.`,
    );
  }
  if (forum.agendaItemId !== null) {
    throw invalidInput([
      {
        field: 'forumId',
        message: `The forum is already on the agenda of ${forum.meetingTitle ?? 'a meeting'}.`,
      },
    ]);
  }
  const meeting = await nextMeetingTakingBusiness(db, arrangement.bodyId, context.now);
  if (!meeting) {
    throw invalidInput([
      {
        field: 'forumId',
        message: `${arrangement.bodyTitle} has no coming meeting whose notice has not yet gone out: schedule one, then place the forum on its agenda (${collaborativeForumClause.clause}).`,
      },
    ]);
  }
  const rejection = (await selectResponses(db, [action.id])).find(
    (each) => each.response === 'reject',
  );
  const names = new Map(
    (
      await selectOrganisationFacts(db, [
        arrangement.providerOrganisationId,
        ...(rejection ? [rejection.organisationId] : []),
      ])
    ).map((each) => [each.id, each.name]),
  );
  return db.transaction(async (transaction) => {
    await lockForum(transaction, forum.id);
    const current = await selectForum(transaction, forum.id);
    if (current?.agendaItemId) {
      throw invalidInput([{ field: 'forumId', message: 'The forum is already on an agenda.' }]);
    }
    const placed = await placeOnAgenda(
      transaction,
      context,
      forum.id,
      meeting.id,
      forumItem({
        providerName: names.get(arrangement.providerOrganisationId) ?? 'the provider',
        service: arrangement.service,
        actionText: action.text,
        rejectedBy: (rejection && names.get(rejection.organisationId)) ?? 'An associate',
        reason: rejection?.reason ?? '',
      }),
    );
    await recordAuditEvents(transaction, context, [
      {
        action: 'collaborative-forum.placed',
        entityType: 'lead-arrangement',
        entityId: arrangement.id,
        before: { forumId: forum.id, meetingId: null },
        after: { forumId: forum.id, meetingId: meeting.id, agendaItemId: placed.agendaItemId },
      },
    ]);
    return { meetingId: meeting.id, agendaItemId: placed.agendaItemId };
  });
}
