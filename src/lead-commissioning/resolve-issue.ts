/**
 * Use case: an open issue in a negotiation resolved, dated, with how — by the lead PCT's post
 * holder or the local group's secretariat (2006 §106).
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { type FieldProblem, invalidInput, notFound } from '../shared/problems.ts';
import { forbidden, loadArrangement } from './arrangement-access.ts';
import { lockArrangement, resolveIssueRow, selectIssue } from './arrangement-queries.ts';
import { negotiationsClause } from './arrangement-rules.ts';
import { mayMoveNegotiation } from './change-stage.ts';

export async function resolveIssue(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  arrangementId: string;
  issueId: string;
  resolvedOn: string;
  resolution: string;
}): Promise<void> {
  const { db, context, actor } = options;
  const arrangement = await loadArrangement(db, options.arrangementId);
  const issue = await selectIssue(db, options.issueId);
  if (!issue || issue.arrangementId !== arrangement.id) {
    throw notFound('issue in this negotiation', options.issueId);
  }
  if (!(await mayMoveNegotiation(db, actor, arrangement, context.now))) {
    throw forbidden(
      `Only a post holder of the lead PCT, the secretariat of ${arrangement.bodyTitle} or an administrator may resolve an issue in this negotiation (${negotiationsClause.clause}).`,
    );
  }
  const today = londonDate(context.now);
  const problems: FieldProblem[] = [];
  if (issue.resolvedOn !== null) {
    problems.push({ field: 'issueId', message: `The issue was resolved on ${issue.resolvedOn}.` });
  }
  if (options.resolvedOn > today) {
    problems.push({
      field: 'resolvedOn',
      message: `An issue cannot be resolved after today (${today}).`,
    });
  } else if (options.resolvedOn < issue.raisedOn) {
    problems.push({
      field: 'resolvedOn',
      message: `The issue was raised on ${issue.raisedOn}: it cannot be resolved before it was raised.`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  await db.transaction(async (transaction) => {
    await lockArrangement(transaction, arrangement.id);
    await resolveIssueRow(transaction, issue.id, options.resolvedOn, options.resolution);
    await recordAuditEvents(transaction, context, [
      {
        action: 'lead-arrangement.issue-resolved',
        entityType: 'lead-arrangement',
        entityId: arrangement.id,
        before: { issueId: issue.id, resolvedOn: null },
        after: {
          issueId: issue.id,
          resolvedOn: options.resolvedOn,
          resolution: options.resolution,
        },
      },
    ]);
  });
}
