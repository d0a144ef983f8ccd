/**
 * Recording the next step taken up a dispute's ladder (2006 §111 and §112: a vote, mediation by
 * the chair, facilitation by the SHA at the end of the review, sign-off by the sponsoring PCT
 * Boards), by an administrator or the body's secretariat. The engine decides whether the step fits
 * and what the dispute's status becomes (resolved or unresolved when the ladder ends); the step,
 * the status and the `dispute.step-recorded` audit event are written in one transaction. Every
 * kind of step goes through the one function: they differ only in what they may name (a vote its
 * proposal, a sign-off its board), checked here.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { nextDisputeStep } from '../governance/index.ts';
import { type Actor, isChairOf, londonDate, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  type FieldProblem,
  invalidInput,
  isUniqueViolation,
  notFound,
  ProblemError,
} from '../shared/problems.ts';
import { bodyOf, forbidden, refuseUnlessMayRead } from './dispute-access.ts';
import { assess } from './dispute-assessment.ts';
import {
  type DisputeRecord,
  insertDisputeStep,
  selectDisputeForUpdate,
  selectProposalOutcome,
  updateDisputeStatus,
} from './dispute-queries.ts';
import {
  disputeCategories,
  disputeFactsOf,
  ladderStep,
  outcomeChoices,
  outcomeWords,
  stepProblems,
  storedStatusOf,
} from './dispute-rules.ts';
import { type DisputeView, viewOf } from './dispute-view.ts';

export interface RecordDisputeStepOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  disputeId: string;
  stepId: string;
  takenOn: string;
  takenBy: string;
  outcome?: string | undefined;
  boardOrganisationId?: string | undefined;
  proposalId?: string | undefined;
  note?: string | undefined;
}

/**
 * Records the next step taken up the ladder, dated and attributed. The engine decides whether it
 * fits (ladder order, no step skipped, facilitation at the end of the review, sign-off last);
 * a step it refuses is refused with the rule it breaks, and nothing is written. A vote step may
 * name the proposal voted on: it must be closed, and its recorded outcome is the step's outcome.
 */
export async function recordDisputeStep(options: RecordDisputeStepOptions): Promise<DisputeView> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  try {
    return await db.transaction(async (transaction) => {
      const dispute = await selectDisputeForUpdate(transaction, options.disputeId);
      if (!dispute) throw notFound('dispute', options.disputeId);
      const runsBody = mayRunBody(actor, dispute.bodySlug);
      if (!runsBody && !isChairOf(actor, dispute.bodySlug)) {
        await refuseUnlessMayRead(transaction, actor, bodyOf(dispute), today);
        throw forbidden(
          `Only an administrator, the secretariat of ${dispute.bodyTitle}, or its chair for the steps the chair conducts, may record the steps taken on its disputes.`,
        );
      }
      if (dispute.status !== 'open') {
        throw new ProblemError({
          status: 409,
          code: 'conflict',
          title: 'The dispute is closed',
          detail: `The dispute is ${dispute.status}; no further step can be recorded.`,
          errors: [{ field: 'stepId', message: `The dispute is ${dispute.status}.` }],
        });
      }
      const before = await assess(transaction, dispute, today);
      const { constitution } = before;
      if (!constitution) {
        throw invalidInput([
          {
            field: 'stepId',
            message: `No terms of reference of ${dispute.bodyTitle} were in force on ${dispute.raisedOn}.`,
          },
        ]);
      }
      const step = ladderStep(constitution, dispute.category, options.stepId);
      if (!step) {
        const ladder = disputeCategories(constitution).find(
          (candidate) => candidate.id === dispute.category,
        );
        throw invalidInput([
          {
            field: 'stepId',
            message: `"${options.stepId}" is not a step on the ${ladder?.title ?? dispute.category} ladder (${ladder?.clause ?? 'the dispute procedure'}).`,
          },
        ]);
      }
      if (!runsBody && step.step !== 'mediation') {
        // The terms give the chair mediation alone (2006 §111: "mediation within the Group,
        // conducted by the Chair"); every other step is recorded by the secretariat.
        throw forbidden(
          `The chair of ${dispute.bodyTitle} records only the mediation the chair conducts (${step.clause}); the secretariat records this step.`,
        );
      }
      let outcome = options.outcome;
      let proposalId: string | null = null;
      if (step.step === 'vote' && options.proposalId) {
        const proposal = await selectProposalOutcome(transaction, options.proposalId);
        const problem = proposalProblem(proposal, dispute, outcome, step.clause);
        if (problem) throw invalidInput([problem]);
        outcome = proposal?.outcome ?? undefined;
        proposalId = options.proposalId;
      } else if (options.proposalId) {
        throw invalidInput([
          { field: 'proposalId', message: 'Only a vote step names the proposal voted on.' },
        ]);
      }
      if (!outcome) {
        throw invalidInput([
          {
            field: 'outcome',
            message: `Choose the outcome: ${outcomeChoices[step.step].map((choice) => choice.text.toLowerCase()).join(' or ')}.`,
          },
        ]);
      }
      if (step.step !== 'signOff' && options.boardOrganisationId) {
        throw invalidInput([
          {
            field: 'boardOrganisationId',
            message: 'Only a sign-off step names the board that signed off.',
          },
        ]);
      }
      const entry = {
        stepId: options.stepId,
        takenOn: options.takenOn,
        takenBy: options.takenBy,
        outcome,
        boardOrganisationId: options.boardOrganisationId ?? null,
        note: options.note ?? null,
      };
      const facts = disputeFactsOf({
        constitution,
        category: dispute.category,
        steps: [...before.steps, entry],
        review: before.review ?? null,
        sponsoringBoards: before.boards,
      });
      const verdict = nextDisputeStep(constitution, facts, today);
      if (!verdict.ok) {
        throw invalidInput(stepProblems(verdict.errors, facts.history.length - 1));
      }
      const position = before.steps.length + 1;
      const stepRowId = uuidv7();
      await insertDisputeStep(transaction, {
        id: stepRowId,
        disputeId: dispute.id,
        position,
        ...entry,
        proposalId,
        recordedAt: context.now,
      });
      const status = storedStatusOf(verdict.value.status);
      if (status !== dispute.status) {
        await updateDisputeStatus(transaction, dispute.id, status);
      }
      await recordAuditEvents(transaction, context, [
        {
          action: 'dispute.step-recorded',
          entityType: 'body',
          entityId: dispute.bodyId,
          before: { disputeId: dispute.id, status: dispute.status },
          after: {
            disputeId: dispute.id,
            stepRowId,
            position,
            ...entry,
            proposalId,
            status,
            next: verdict.value.explanation.summary,
          },
        },
      ]);
      const after = { ...dispute, status };
      return viewOf(after, await assess(transaction, after, today), actor, today);
    });
  } catch (error) {
    // Two steps recorded at once: the row lock queues them, the unique position is the backstop.
    if (isUniqueViolation(error)) {
      throw new ProblemError({
        status: 409,
        code: 'conflict',
        title: 'Another step was recorded at the same time',
        detail: 'Another step was recorded on this dispute at the same time; reload and try again.',
      });
    }
    throw error;
  }
}

function proposalProblem(
  proposal: Awaited<ReturnType<typeof selectProposalOutcome>>,
  dispute: DisputeRecord,
  outcome: string | undefined,
  clause: string,
): FieldProblem | undefined {
  if (!proposal || proposal.bodyId !== dispute.bodyId) {
    return {
      field: 'proposalId',
      message: `Choose a proposal put to a meeting of ${dispute.bodyTitle}.`,
    };
  }
  if (proposal.status !== 'closed') {
    return {
      field: 'proposalId',
      message: `The vote on "${proposal.title}" is ${proposal.status}: a vote step records a vote once it has closed (${clause}).`,
    };
  }
  if (proposal.outcome !== 'carried' && proposal.outcome !== 'notCarried') {
    return {
      field: 'proposalId',
      message: `"${proposal.title}" was not decided by a vote (its outcome is ${proposal.outcome ?? 'not recorded'}).`,
    };
  }
  if (outcome && outcome !== proposal.outcome) {
    return {
      field: 'outcome',
      message: `The vote on "${proposal.title}" was ${outcomeWords[proposal.outcome].toLowerCase()}; the step's outcome is the vote's.`,
    };
  }
  return undefined;
}
