/**
 * Use case: once the London group's question on the intentions is closed, record what it said.
 * Carried or consensus agrees them (agreed on the day the question closed); advice, no consensus,
 * not carried or inquorate sends them back to consolidation, the outcome kept to show. Only the
 * London group agrees London's intentions: a question of any other body is refused.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput } from '../shared/problems.ts';
import {
  assertRunsRound,
  loadRound,
  type RoundAddress,
  throwIfRefused,
} from './intention-access.ts';
import { selectQuestion, updateRound } from './intention-queries.ts';
import { agreedByAnotherBody, readAgreement, statusText } from './intention-rules.ts';

export async function recordAgreement(
  options: RoundAddress & {
    db: Database;
    context: ActionContext;
    actor: Actor;
    /** The question that decided them; by default the one the intentions were put on. */
    proposalId?: string | undefined;
  },
): Promise<{ status: 'agreed' | 'consolidating'; outcome: string; agreedOn: string | null }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const round = await loadRound(transaction, options, true);
    assertRunsRound(actor, round);
    const proposalId = options.proposalId ?? round.agreementProposalId;
    const question = proposalId ? await selectQuestion(transaction, proposalId) : undefined;
    if (!question) {
      throw invalidInput([
        {
          field: 'proposalId',
          message: 'Name the London group’s question that decided the intentions.',
        },
      ]);
    }
    if (question.bodyId !== round.bodyId) {
      throwIfRefused(agreedByAnotherBody(question.bodyTitle, round.bodyTitle));
    }
    if (round.status !== 'put-to-group') {
      throw conflict(
        'status',
        `The intentions are not waiting on ${round.bodyTitle}’s decision: the round is ${statusText(round.status)}.`,
      );
    }
    if (question.id !== round.agreementProposalId) {
      throw conflict(
        'proposalId',
        `“${question.title}” is not the question the intentions were put to ${round.bodyTitle} on.`,
      );
    }
    const reading = readAgreement(question);
    if (reading.kind === 'undecided') throw conflict('proposalId', reading.message);
    const agreed = reading.kind === 'agreed';
    const agreedOn = agreed && question.closedAt ? londonDate(question.closedAt) : null;
    const status = agreed ? ('agreed' as const) : ('consolidating' as const);
    await updateRound(transaction, round.id, { status, agreedOn });
    await recordAuditEvents(transaction, context, [
      {
        action: agreed ? 'commissioning-round.agreed' : 'commissioning-round.not-agreed',
        entityType: 'commissioning-round',
        entityId: round.id,
        before: { status: round.status, agreedOn: round.agreedOn },
        after: { status, agreedOn, proposalId: question.id, outcome: question.outcome },
      },
    ]);
    return { status, outcome: question.outcome ?? '', agreedOn };
  });
}
