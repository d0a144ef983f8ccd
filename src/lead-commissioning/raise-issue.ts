/**
 * Use case: an issue in a negotiation, raised by the lead PCT's post holder or the local group's
 * secretariat, so the group sees what holds the negotiation up (2006 §106 "monitor the progress
 * of negotiations … and undertake joint action where appropriate").
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { forbidden, loadArrangement } from './arrangement-access.ts';
import { insertIssue } from './arrangement-queries.ts';
import { negotiationsClause } from './arrangement-rules.ts';
import { mayMoveNegotiation } from './change-stage.ts';

export async function raiseIssue(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  arrangementId: string;
  text: string;
  raisedOn: string;
}): Promise<{ issueId: string }> {
  const { db, context, actor } = options;
  const arrangement = await loadArrangement(db, options.arrangementId);
  if (!(await mayMoveNegotiation(db, actor, arrangement, context.now))) {
    throw forbidden(
      `Only a post holder of the lead PCT, the secretariat of ${arrangement.bodyTitle} or an administrator may raise an issue in this negotiation (${negotiationsClause.clause}).`,
    );
  }
  const today = londonDate(context.now);
  if (options.raisedOn > today) {
    throw invalidInput([
      { field: 'raisedOn', message: `An issue cannot be raised after today (${today}).` },
    ]);
  }
  const issueId = uuidv7();
  const row = {
    id: issueId,
    arrangementId: arrangement.id,
    text: options.text,
    raisedOn: options.raisedOn,
    createdAt: context.now,
  };
  await db.transaction(async (transaction) => {
    await insertIssue(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'lead-arrangement.issue-raised',
        entityType: 'lead-arrangement',
        entityId: arrangement.id,
        after: { issueId, text: row.text, raisedOn: row.raisedOn },
      },
    ]);
  });
  return { issueId };
}
