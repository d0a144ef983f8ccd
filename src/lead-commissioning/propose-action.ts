/**
 * Use case: the lead PCT's post holder circulates a proposed action to the associates for their
 * approval, with the date they are to respond by (Model Collaborative Commissioning Agreement: the
 * co-ordinating commissioner's proposed actions are circulated for approval). The local group's
 * secretariat, or an administrator, may record one on the lead's behalf.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { type FieldProblem, invalidInput } from '../shared/problems.ts';
import { forbidden, loadArrangement, nameOf } from './arrangement-access.ts';
import { lockArrangement } from './arrangement-queries.ts';
import { collaborativeForumClause } from './arrangement-rules.ts';
import { mayMoveNegotiation } from './change-stage.ts';
import { insertProposedAction } from './proposed-action-queries.ts';

export async function proposeAction(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  arrangementId: string;
  text: string;
  respondBy: string;
}): Promise<{ proposedActionId: string }> {
  const { db, context, actor } = options;
  const arrangement = await loadArrangement(db, options.arrangementId);
  if (!(await mayMoveNegotiation(db, actor, arrangement, context.now))) {
    throw forbidden(
      `Only a post holder of the lead PCT (or the secretariat of ${arrangement.bodyTitle} on its behalf, or an administrator) may propose an action to the associates (${collaborativeForumClause.clause}: ${collaborativeForumClause.text}).`,
    );
  }
  const today = londonDate(context.now);
  const problems: FieldProblem[] = [];
  if (arrangement.stage === 'signed') {
    problems.push({
      field: 'text',
      message: 'The negotiation is signed: there is nothing left for the lead to propose in it.',
    });
  }
  if (options.respondBy < today) {
    problems.push({
      field: 'respondBy',
      message: `The associates need time to respond: the date to respond by cannot be before today (${today}).`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  const proposedActionId = uuidv7();
  const row = {
    id: proposedActionId,
    arrangementId: arrangement.id,
    text: options.text,
    proposedOn: today,
    respondBy: options.respondBy,
    status: 'circulated',
    proposedBy: nameOf(actor, context.actor),
    createdAt: context.now,
  };
  await db.transaction(async (transaction) => {
    await lockArrangement(transaction, arrangement.id);
    await insertProposedAction(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'proposed-action.circulated',
        entityType: 'lead-arrangement',
        entityId: arrangement.id,
        after: { proposedActionId, text: row.text, proposedOn: today, respondBy: row.respondBy },
      },
    ]);
  });
  return { proposedActionId };
}
