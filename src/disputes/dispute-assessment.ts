/**
 * Everything the engine needs about one dispute, read in one place: the terms in force when it was
 * raised, the steps recorded, the joint review it arose in and the sponsoring boards, turned into
 * the engine's facts and its verdict on the step due next (2006 §111 and §112). Every read model
 * and the recording of a step start from this.
 */

import { termsInForce } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import {
  type Constitution,
  type DisputeFacts,
  type DisputeStepResult,
  type EngineResult,
  nextDisputeStep,
} from '../governance/index.ts';
import { type JointReviewRecord, selectJointReview } from '../joint-reviews/index.ts';
import {
  type DisputeRecord,
  type DisputeStepRecord,
  selectDisputeSteps,
  selectRepresentedPrimaryCareTrusts,
} from './dispute-queries.ts';
import { disputeFactsOf } from './dispute-rules.ts';

export interface Assessment {
  constitution: Constitution | undefined;
  steps: DisputeStepRecord[];
  review: JointReviewRecord | undefined;
  boards: { id: string; name: string }[];
  facts: DisputeFacts;
  result: EngineResult<DisputeStepResult> | undefined;
}

/** Everything the engine needs about a dispute, gathered, and its verdict on what comes next. */
export async function assess(
  reader: Reader,
  dispute: DisputeRecord,
  today: string,
): Promise<Assessment> {
  // The dispute is handled under the terms in force when it was raised.
  const constitution = await termsInForce(reader, dispute.bodyId, dispute.raisedOn);
  const [steps, review, boards] = await Promise.all([
    selectDisputeSteps(reader, dispute.id),
    dispute.jointReviewId ? selectJointReview(reader, dispute.jointReviewId) : undefined,
    selectRepresentedPrimaryCareTrusts(reader, dispute.bodyId, dispute.raisedOn),
  ]);
  const facts = constitution
    ? disputeFactsOf({
        constitution,
        category: dispute.category,
        steps,
        review: review ?? null,
        sponsoringBoards: boards,
      })
    : { category: dispute.category, history: [] };
  const result = constitution ? nextDisputeStep(constitution, facts, today) : undefined;
  return { constitution, steps, review, boards, facts, result };
}
