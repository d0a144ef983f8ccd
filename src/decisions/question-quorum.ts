/**
 * The quorum safeguard on one question at its meeting: the meeting's quorum for the question's
 * agenda item (conflicted members may not count toward it), judged by the engine for the method
 * the question was put with. Opening and closing a question, and the question page, ask it.
 */

import {
  evaluateQuorum,
  type QuestionAction,
  type QuorumSafeguard,
  quorumSafeguard,
} from '../governance/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { forQuestion, type MeetingDecisionFacts, methodOf } from './decision-facts.ts';
import { engineRefusal } from './decision-problems.ts';
import type { RecordedElectorate } from './question-electorate.ts';

export function questionQuorum(
  decision: MeetingDecisionFacts,
  proposal: { methodId: string; agendaItemId: string; electorate?: RecordedElectorate | null },
  action: QuestionAction,
): QuorumSafeguard {
  const method = methodOf(forQuestion(decision, proposal).constitution, proposal.methodId);
  const quorum = evaluateQuorum(decision.constitution, decision.facts, {
    itemId: proposal.agendaItemId,
  });
  if (!quorum.ok) throw engineRefusal(quorum.errors);
  return quorumSafeguard(decision.constitution, method, quorum.value, action);
}

/** Refuses the action when the method needs a quorate meeting and the item is inquorate. */
export function assertQuorumAllows(
  decision: MeetingDecisionFacts,
  proposal: { methodId: string; agendaItemId: string; title: string },
  action: QuestionAction,
): QuorumSafeguard {
  const safeguard = questionQuorum(decision, proposal, action);
  if (safeguard.refusal) {
    throw new ProblemError({
      status: 409,
      code: 'inquorate',
      title: `The meeting is inquorate: “${proposal.title}” cannot be ${action === 'open' ? 'opened' : 'closed'}`,
      detail: safeguard.refusal,
      errors: [{ field: 'status', message: safeguard.refusal }],
    });
  }
  return safeguard;
}
