/**
 * The read model behind the "record the next step" form: which steps up the ladder the engine
 * would accept today (2006 §111 and §112), the sponsoring boards still to sign off, and the body's
 * closed votes for a vote step. It offers choices only; recording a step checks them again.
 */
import type { Database } from '../db/connection.ts';
import { describeDisputeStep } from '../governance/index.ts';
import { londonDate } from '../identity/index.ts';
import { notFound } from '../shared/problems.ts';
import { assess } from './dispute-assessment.ts';
import { selectClosedVotesOfBody, selectDispute } from './dispute-queries.ts';
import { capitalise, outcomeChoices, stepsOpenNow } from './dispute-rules.ts';

export interface StepFormChoices {
  steps: {
    id: string;
    action: string;
    clause: string;
    kind: string;
    outcomes: readonly { value: string; text: string }[];
  }[];
  boards: { id: string; name: string }[];
  proposals: { id: string; title: string; outcome: string | null }[];
}

/**
 * What the "record the next step" form offers: the steps the engine would accept today, the
 * boards still to sign off, and the body's closed votes for a vote step.
 */
export async function getStepFormChoices(options: {
  db: Database;
  disputeId: string;
  now: Date;
}): Promise<StepFormChoices> {
  const { db } = options;
  const today = londonDate(options.now);
  const dispute = await selectDispute(db, options.disputeId);
  if (!dispute) throw notFound('dispute', options.disputeId);
  const assessment = await assess(db, dispute, today);
  const { constitution, result } = assessment;
  if (!constitution || !result?.ok || dispute.status !== 'open') {
    return { steps: [], boards: [], proposals: [] };
  }
  const awaiting = result.value.awaitingSignOff ?? [];
  const open = stepsOpenNow(constitution, assessment.facts, today, awaiting);
  return {
    steps: open.map((step) => ({
      id: step.id,
      action: capitalise(describeDisputeStep(constitution, step).action),
      clause: step.clause,
      kind: step.step,
      outcomes: outcomeChoices[step.step],
    })),
    boards: assessment.boards.filter((board) => awaiting.includes(board.id)),
    proposals: open.some((step) => step.step === 'vote')
      ? await selectClosedVotesOfBody(db, dispute.bodyId)
      : [],
  };
}
