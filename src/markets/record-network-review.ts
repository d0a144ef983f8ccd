/**
 * Use case: record a clinical network's annual review — held on a date (not in the future), what
 * it found, and when the next is due (2006 §106 "Oversee the role and performance of commissioning
 * clinical networks"; 2008 Commissioning development "Review clinical network arrangements").
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, notFound } from '../shared/problems.ts';
import { nameOf, refuseUnlessMayManage } from './market-access.ts';
import { insertReview, selectNetworks } from './market-queries.ts';
import { marketClauses, reviewProblems } from './market-rules.ts';

export async function recordNetworkReview(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  networkId: string;
  heldOn: string;
  findings: string;
  nextReviewDue: string;
}): Promise<{ reviewId: string }> {
  const { db, context, actor } = options;
  const [network] = await selectNetworks(db, options.networkId);
  if (!network) throw notFound('clinical network', options.networkId);
  await refuseUnlessMayManage(db, actor, context.now, `record the reviews of ${network.name}`);
  const problems = reviewProblems(options.heldOn, options.nextReviewDue, londonDate(context.now));
  if (problems.length > 0) throw invalidInput(problems);
  const reviewId = uuidv7();
  const row = {
    id: reviewId,
    networkId: network.id,
    heldOn: options.heldOn,
    findings: options.findings,
    nextReviewDue: options.nextReviewDue,
    recordedBy: nameOf(actor, context.actor),
    recordedAt: context.now,
  };
  await db.transaction(async (transaction) => {
    await insertReview(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'clinical-network.reviewed',
        entityType: 'clinical-network',
        entityId: network.id,
        after: { ...row, clause: marketClauses.networksOverseen.clause },
      },
    ]);
  });
  return { reviewId };
}
