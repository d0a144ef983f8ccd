/**
 * Use case: record the award from the consortium's closed question. Carried → the tender is
 * awarded to the recommended bidder, but only once the procurement decisions register is complete
 * (Managing Conflicts of Interest in the NHS: "complete before a contract is marked awarded"); not
 * carried, or the question withdrawn without a vote → back to evaluated, the result kept. The question's outcome is the engine's, read
 * through the decisions face; this use case never counts votes itself.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { getProposal } from '../decisions/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, ProblemError } from '../shared/problems.ts';
import { assertRunsConsortium, loadTender, nameOf } from './procurement-access.ts';
import {
  insertTenderStep,
  lockTender,
  recordAwardOutcome,
  selectBids,
  selectOpenAwardQuestion,
  updateTender,
} from './procurement-queries.ts';
import { incompleteRegisterRefusal, majorityClause, stepProblem } from './procurement-rules.ts';
import { registerOf } from './register-view.ts';

export async function recordAward(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  tenderId: string;
}): Promise<{ outcome: 'carried' | 'not-carried' | 'withdrawn'; stage: 'awarded' | 'evaluated' }> {
  const { db, context, actor } = options;
  const { tender, consortium } = await loadTender(db, options.tenderId);
  assertRunsConsortium(actor, consortium);
  const refusal = stepProblem(tender.stage, 'record-award');
  if (refusal) throw conflict('tenderId', refusal);
  const question = await selectOpenAwardQuestion(db, tender.id);
  if (!question) throw conflict('tenderId', 'The award has not been put to the consortium.');
  const proposal = await getProposal({ db, actor, proposalId: question.proposalId });
  // A withdrawn question decided nothing: the tender goes back to evaluated, so the award can be
  // put again (to a later meeting, or after the meeting it was on was cancelled).
  const withdrawn = proposal.status === 'withdrawn';
  if (!withdrawn && (proposal.status !== 'closed' || !proposal.outcome)) {
    throw conflict(
      'tenderId',
      `The question “${proposal.title}” at ${proposal.meeting.title} is ${proposal.status === 'draft' ? 'not yet open (if that meeting will not take it, withdraw the question and put the award again)' : 'still open'}: the award is recorded once the consortium has voted and the question is closed (${majorityClause.clause}).`,
    );
  }
  const carried = !withdrawn && proposal.outcome === 'carried';
  const today = londonDate(context.now);
  const outcome = withdrawn
    ? ('withdrawn' as const)
    : carried
      ? ('carried' as const)
      : ('not-carried' as const);
  const stage = carried ? ('awarded' as const) : ('evaluated' as const);
  await db.transaction(async (transaction) => {
    const current = await lockTender(transaction, tender.id);
    const again = stepProblem(current.stage, 'record-award');
    if (again) throw conflict('tenderId', again);
    // Judged with the tender locked, so an entry saved meanwhile is judged too.
    if (carried) {
      const register = await registerOf(transaction, tender.id);
      if (!register.complete) {
        throw new ProblemError({
          status: 409,
          code: 'register-incomplete',
          title: 'The procurement decisions register is not complete',
          detail: incompleteRegisterRefusal(register.missing),
        });
      }
    }
    const bid = (await selectBids(transaction, tender.id)).find(
      (each) => each.id === question.bidId,
    );
    await recordAwardOutcome(transaction, question.id, outcome, today);
    await updateTender(
      transaction,
      tender.id,
      carried ? { stage, awardedBidId: question.bidId, awardedOn: today } : { stage },
    );
    const summary = proposal.result?.summary ?? proposal.outcomeText ?? '';
    await insertTenderStep(transaction, {
      id: uuidv7(),
      tenderId: tender.id,
      stage,
      happenedOn: today,
      note: withdrawn
        ? `The question “${proposal.title}” was withdrawn without a vote: back to evaluation, and the award may be put again.`
        : carried
          ? `Carried: awarded to ${bid?.providerName ?? 'the recommended bidder'}. ${summary}`
          : `Not carried: back to evaluation. ${summary}`,
      recordedBy: nameOf(actor, context.actor),
      recordedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: carried
          ? 'tender.awarded'
          : withdrawn
            ? 'tender.award-withdrawn'
            : 'tender.award-not-carried',
        entityType: 'tender',
        entityId: tender.id,
        before: { stage: current.stage },
        after: {
          stage,
          outcome,
          proposalId: question.proposalId,
          ...(carried && { awardedBidId: question.bidId, awardedOn: today }),
        },
      },
    ]);
  });
  return { outcome, stage };
}
