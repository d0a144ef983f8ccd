/**
 * Use case: an associate PCT's post holder approves the lead's proposed action, or rejects it with
 * a reason. Once every associate has approved, the action is approved; one rejection blocks it
 * and, in the same transaction, calls a collaborative forum on the local group's next agenda
 * (Model Collaborative Commissioning Agreement). The local group's secretariat, or an
 * administrator, may record an associate's response on its behalf.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { type FieldProblem, invalidInput, notFound } from '../shared/problems.ts';
import {
  forbidden,
  loadArrangement,
  mayWrite,
  nameOf,
  postsOf,
  runsTheArea,
} from './arrangement-access.ts';
import {
  lockArrangement,
  selectAssociates,
  selectOrganisationFacts,
} from './arrangement-queries.ts';
import { collaborativeForumClause, proposedActionStatus } from './arrangement-rules.ts';
import { callForum, forumItem } from './call-forum.ts';
import {
  insertResponse,
  selectProposedAction,
  selectResponses,
  updateActionStatus,
} from './proposed-action-queries.ts';

/** The associates the actor may answer for: those at which they hold a post, or all for the area's secretariat. */
export async function associatesActorAnswersFor(
  db: Database,
  actor: Actor,
  arrangement: { bodySlug: string },
  associateIds: readonly string[],
  now: Date,
): Promise<string[]> {
  if (!mayWrite(actor)) return [];
  if (runsTheArea(actor, arrangement.bodySlug)) return [...associateIds];
  const posts = await postsOf(db, actor, now);
  return associateIds.filter((id) => posts.has(id));
}

export async function respondToAction(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposedActionId: string;
  /** The associate responding; may be left out when the actor answers for only one. */
  organisationId?: string | undefined;
  response: 'approve' | 'reject';
  reason?: string | undefined;
}): Promise<{
  status: string;
  forum: { forumId: string; meetingId: string | null; agendaItemId: string | null } | null;
}> {
  const { db, context, actor } = options;
  const action = await selectProposedAction(db, options.proposedActionId);
  if (!action) throw notFound('proposed action', options.proposedActionId);
  const arrangement = await loadArrangement(db, action.arrangementId);
  const associateIds = (await selectAssociates(db, [arrangement.id])).map(
    (associate) => associate.organisationId,
  );
  const answersFor = await associatesActorAnswersFor(
    db,
    actor,
    arrangement,
    associateIds,
    context.now,
  );
  const organisationId =
    options.organisationId ?? (answersFor.length === 1 ? answersFor[0] : undefined);
  if (answersFor.length === 0 || (organisationId && !answersFor.includes(organisationId))) {
    throw forbidden(
      `Only a post holder of an associate PCT of this arrangement may approve or reject the lead’s proposed action (${collaborativeForumClause.clause}: ${collaborativeForumClause.text}).`,
    );
  }
  const problems: FieldProblem[] = [];
  if (!organisationId) {
    problems.push({ field: 'organisationId', message: 'Choose the associate PCT responding.' });
  }
  if (action.status !== 'circulated') {
    problems.push({
      field: 'response',
      message: `The action is already ${action.status}: responses are taken only while it is circulated (${collaborativeForumClause.clause}).`,
    });
  }
  const earlier = await selectResponses(db, [action.id]);
  if (organisationId && earlier.some((each) => each.organisationId === organisationId)) {
    problems.push({
      field: 'response',
      message: 'This associate has already responded to the action: each associate responds once.',
    });
  }
  const reason = options.reason?.trim() || undefined;
  if (options.response === 'reject' && !reason) {
    problems.push({
      field: 'reason',
      message: `Give the reason for rejecting: the collaborative forum the rejection calls starts from it (${collaborativeForumClause.clause}).`,
    });
  }
  if (problems.length > 0 || !organisationId) throw invalidInput(problems);

  const names = new Map(
    (await selectOrganisationFacts(db, [organisationId, arrangement.providerOrganisationId])).map(
      (each) => [each.id, each.name],
    ),
  );
  return db.transaction(async (transaction) => {
    await lockArrangement(transaction, arrangement.id);
    const before = await selectProposedAction(transaction, action.id);
    if (before?.status !== 'circulated') {
      throw invalidInput([
        { field: 'response', message: `The action is already ${before?.status ?? 'gone'}.` },
      ]);
    }
    await insertResponse(transaction, {
      id: uuidv7(),
      proposedActionId: action.id,
      organisationId,
      response: options.response,
      reason: reason ?? null,
      respondedBy: nameOf(actor, context.actor),
      respondedAt: context.now,
    });
    const responses = await selectResponses(transaction, [action.id]);
    const status = proposedActionStatus(associateIds, responses);
    if (status !== action.status) await updateActionStatus(transaction, action.id, status);
    await recordAuditEvents(transaction, context, [
      {
        action: 'proposed-action.responded',
        entityType: 'lead-arrangement',
        entityId: arrangement.id,
        before: { proposedActionId: action.id, status: action.status },
        after: {
          proposedActionId: action.id,
          organisationId,
          response: options.response,
          reason: reason ?? null,
          status,
        },
      },
    ]);
    const forum =
      status === 'blocked'
        ? await callForum(transaction, context, {
            proposedActionId: action.id,
            arrangementId: arrangement.id,
            bodyId: arrangement.bodyId,
            item: forumItem({
              providerName: names.get(arrangement.providerOrganisationId) ?? 'the provider',
              service: arrangement.service,
              actionText: action.text,
              rejectedBy: names.get(organisationId) ?? 'An associate',
              reason: reason ?? '',
            }),
          })
        : null;
    return { status, forum };
  });
}

/** Refuses, before a request's body is read, anyone who answers for no associate of the action. */
export async function refuseUnlessMayRespond(options: {
  db: Database;
  actor: Actor;
  proposedActionId: string;
  now: Date;
}): Promise<void> {
  const action = await selectProposedAction(options.db, options.proposedActionId);
  if (!action) throw notFound('proposed action', options.proposedActionId);
  const arrangement = await loadArrangement(options.db, action.arrangementId);
  const associateIds = (await selectAssociates(options.db, [arrangement.id])).map(
    (associate) => associate.organisationId,
  );
  const answersFor = await associatesActorAnswersFor(
    options.db,
    options.actor,
    arrangement,
    associateIds,
    options.now,
  );
  if (answersFor.length === 0) {
    throw forbidden(
      `Only a post holder of an associate PCT of this arrangement may approve or reject the lead’s proposed action (${collaborativeForumClause.clause}: ${collaborativeForumClause.text}).`,
    );
  }
}
