/** Which arrangement a proposed action or a forum belongs to: the page a form returns to. */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { notFound } from '../shared/problems.ts';
import { signedInOnly } from './arrangement-access.ts';
import { selectForum, selectProposedAction } from './proposed-action-queries.ts';

export async function arrangementIdOfAction(
  reader: Reader,
  actionId: string,
  actor: Actor,
): Promise<string> {
  signedInOnly(actor);
  const action = await selectProposedAction(reader, actionId);
  if (!action) throw notFound('proposed action', actionId);
  return action.arrangementId;
}

export async function arrangementIdOfForum(
  reader: Reader,
  forumId: string,
  actor: Actor,
): Promise<string> {
  signedInOnly(actor);
  const forum = await selectForum(reader, forumId);
  if (!forum) throw notFound('collaborative forum', forumId);
  return arrangementIdOfAction(reader, forum.proposedActionId, actor);
}
