/**
 * Use case: the consortium's secretariat records the tender's evaluation — each bid's quality
 * score (out of 60) and price score (out of 40), and the recommended bid with the reason. Bidding
 * closes; the tender moves to evaluated. A tender whose award vote was not carried is re-evaluated
 * the same way (the scores and recommendation may change).
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, type FieldProblem, invalidInput } from '../shared/problems.ts';
import { assertRunsConsortium, loadTender, nameOf } from './procurement-access.ts';
import {
  insertTenderStep,
  lockTender,
  scoreBid,
  selectBids,
  updateTender,
} from './procurement-queries.ts';
import { type BidScores, evaluationProblems, stepProblem } from './procurement-rules.ts';

export async function recordEvaluation(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  tenderId: string;
  scores: BidScores[];
  recommendedBidId: string;
  reason: string;
  evaluatedOn: string;
}): Promise<{ stage: 'evaluated' }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const { tender, consortium } = await loadTender(db, options.tenderId);
  assertRunsConsortium(actor, consortium);
  return db.transaction(async (transaction) => {
    const current = await lockTender(transaction, tender.id);
    // A vote not carried returns the tender to evaluated: it may then be evaluated again.
    const refusal = current.stage === 'evaluated' ? null : stepProblem(current.stage, 'evaluate');
    if (refusal) throw conflict('tenderId', refusal);
    const bids = await selectBids(transaction, tender.id);
    const problems: FieldProblem[] = evaluationProblems(
      bids.map((bid) => bid.id),
      options.scores,
      options.recommendedBidId,
    );
    if (options.evaluatedOn > today) {
      problems.push({
        field: 'evaluatedOn',
        message: `An evaluation cannot be dated after today (${today}).`,
      });
    }
    const lastBid =
      bids
        .map((bid) => bid.receivedOn)
        .sort()
        .at(-1) ?? tender.openedOn;
    if (options.evaluatedOn < lastBid) {
      problems.push({
        field: 'evaluatedOn',
        message: `The last bid was received on ${lastBid}: the evaluation comes after the bids.`,
      });
    }
    if (problems.length > 0) throw invalidInput(problems);
    for (const score of options.scores) {
      await scoreBid(transaction, score.bidId, score.qualityScore, score.priceScore);
    }
    const changes = {
      stage: 'evaluated',
      recommendedBidId: options.recommendedBidId,
      recommendationReason: options.reason,
      evaluatedOn: options.evaluatedOn,
    };
    await updateTender(transaction, tender.id, changes);
    const recommended = bids.find((bid) => bid.id === options.recommendedBidId);
    await insertTenderStep(transaction, {
      id: uuidv7(),
      tenderId: tender.id,
      stage: 'evaluated',
      happenedOn: options.evaluatedOn,
      note: `Bids evaluated; ${recommended?.providerName ?? 'a bid'} recommended: ${options.reason}`,
      recordedBy: nameOf(actor, context.actor),
      recordedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'tender.evaluated',
        entityType: 'tender',
        entityId: tender.id,
        before: {
          stage: current.stage,
          recommendedBidId: current.recommendedBidId,
          bids: bids.map((bid) => ({
            id: bid.id,
            qualityScore: bid.qualityScore,
            priceScore: bid.priceScore,
          })),
        },
        after: { ...changes, scores: options.scores },
      },
    ]);
    return { stage: 'evaluated' as const };
  });
}
