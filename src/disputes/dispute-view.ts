/**
 * The read model of one dispute, as its page and the API show it: its category and the joint
 * review it arose in, the trail of steps taken up the ladder (with the step derived from agreeing
 * the review's process, 2006 §112), the step due next and who must act, and whether the reader may
 * record a step. `getDispute` reads it for anyone who may read the body's disputes.
 */
import type { Database } from '../db/connection.ts';
import {
  type Citation,
  type DisputeStepResult,
  daysBetween,
  describeDisputeStep,
} from '../governance/index.ts';
import { type Actor, isChairOf, londonDate, mayRunBody } from '../identity/index.ts';
import { stageOf } from '../joint-reviews/index.ts';
import { notFound } from '../shared/problems.ts';
import { bodyOf, refuseUnlessMayRead } from './dispute-access.ts';
import { type Assessment, assess } from './dispute-assessment.ts';
import { type DisputeRecord, selectDispute } from './dispute-queries.ts';
import {
  capitalise,
  disputeCategories,
  ladderStep,
  outcomeWords,
  whoMustAct,
} from './dispute-rules.ts';

export interface DisputeTrailEntry {
  /** Null for the step taken by agreeing the joint review's process (2006 §112). */
  position: number | null;
  stepId: string;
  action: string;
  clause: string;
  takenOn: string;
  takenBy: string;
  outcome: string;
  outcomeText: string;
  board: { id: string; name: string } | null;
  proposalId: string | null;
  note: string | null;
}

export interface NextStepView {
  /** The engine's status: next, waiting, resolved, unresolved or signOffRefused. */
  status: string;
  summary: string;
  step: { id: string; action: string; by: string | null; clause: string; text: string } | null;
  whoMustAct: string;
  lines: string[];
  citations: Citation[];
  awaitingSignOff: { id: string; name: string }[];
}

export interface DisputeView {
  id: string;
  body: { slug: string; title: string };
  category: { id: string; title: string; clause: string; text: string };
  title: string;
  description: string;
  jointReview: {
    id: string;
    title: string;
    stage: string;
    agreedOn: string | null;
    endedOn: string | null;
  } | null;
  raisedBy: string | null;
  raisedOn: string;
  status: string;
  ageInDays: number;
  trail: DisputeTrailEntry[];
  next: NextStepView | null;
  /** Why the engine could not assess the dispute, when it could not. */
  problems: string[];
  mayRecordStep: boolean;
  recordsAsChairOnly: boolean;
}

function nextStepView(
  result: DisputeStepResult,
  bodyTitle: string,
  boards: readonly { id: string; name: string }[],
): NextStepView {
  return {
    status: result.status,
    summary: result.explanation.summary,
    step: result.step
      ? {
          id: result.step.id,
          action: capitalise(result.step.action),
          by: result.step.by ?? null,
          clause: result.step.clause,
          text: result.step.text,
        }
      : null,
    whoMustAct: whoMustAct(result, bodyTitle),
    lines: [...result.explanation.lines],
    citations: [...result.explanation.citations],
    awaitingSignOff: (result.awaitingSignOff ?? []).map((id) => ({
      id,
      name: boards.find((board) => board.id === id)?.name ?? id,
    })),
  };
}

export function viewOf(
  dispute: DisputeRecord,
  assessment: Assessment,
  actor: Actor,
  today: string,
): DisputeView {
  const { constitution, steps, review, result } = assessment;
  const category = constitution
    ? disputeCategories(constitution).find((candidate) => candidate.id === dispute.category)
    : undefined;
  const describe = (stepId: string) => {
    const step = constitution ? ladderStep(constitution, dispute.category, stepId) : undefined;
    return step && constitution
      ? { action: capitalise(describeDisputeStep(constitution, step).action), clause: step.clause }
      : { action: stepId, clause: '' };
  };
  const derived = assessment.facts.history.slice(0, assessment.facts.history.length - steps.length);
  const trail: DisputeTrailEntry[] = [
    ...derived.map((entry) => ({
      position: null,
      stepId: entry.step,
      ...describe(entry.step),
      takenOn: entry.date,
      takenBy: entry.by,
      outcome: entry.outcome,
      outcomeText: outcomeWords[entry.outcome],
      board: null,
      proposalId: null,
      note: entry.note ?? null,
    })),
    ...steps.map((step) => ({
      position: step.position,
      stepId: step.stepId,
      ...describe(step.stepId),
      takenOn: step.takenOn,
      takenBy: step.takenBy,
      outcome: step.outcome,
      outcomeText: outcomeWords[step.outcome as keyof typeof outcomeWords] ?? step.outcome,
      board:
        step.boardOrganisationId !== null
          ? { id: step.boardOrganisationId, name: step.boardName ?? step.boardOrganisationId }
          : null,
      proposalId: step.proposalId,
      note: step.note,
    })),
  ];
  return {
    id: dispute.id,
    body: { slug: dispute.bodySlug, title: dispute.bodyTitle },
    category: {
      id: dispute.category,
      title: category?.title ?? dispute.category,
      clause: category?.clause ?? '',
      text: category?.text ?? '',
    },
    title: dispute.title,
    description: dispute.description,
    jointReview: review
      ? {
          id: review.id,
          title: review.title,
          stage: stageOf(review),
          agreedOn: review.agreedOn,
          endedOn: review.endedOn,
        }
      : null,
    raisedBy: dispute.raisedByName,
    raisedOn: dispute.raisedOn,
    status: dispute.status,
    ageInDays: Math.max(0, daysBetween(dispute.raisedOn, today)),
    trail,
    next: result?.ok ? nextStepView(result.value, dispute.bodyTitle, assessment.boards) : null,
    problems: !constitution
      ? [`No terms of reference of ${dispute.bodyTitle} were in force on ${dispute.raisedOn}.`]
      : result && !result.ok
        ? result.errors.map((error) => error.message)
        : [],
    mayRecordStep:
      dispute.status === 'open' &&
      (mayRunBody(actor, dispute.bodySlug) || isChairOf(actor, dispute.bodySlug)),
    // The chair records only the mediation the chair conducts (2006 §111, §112); the rest is the secretariat's.
    recordsAsChairOnly: !mayRunBody(actor, dispute.bodySlug) && isChairOf(actor, dispute.bodySlug),
  };
}

export async function getDispute(options: {
  db: Database;
  actor: Actor;
  disputeId: string;
  now: Date;
}): Promise<DisputeView> {
  const { db, actor } = options;
  const today = londonDate(options.now);
  const dispute = await selectDispute(db, options.disputeId);
  if (!dispute) throw notFound('dispute', options.disputeId);
  await refuseUnlessMayRead(db, actor, bodyOf(dispute), today);
  return viewOf(dispute, await assess(db, dispute, today), actor, today);
}
