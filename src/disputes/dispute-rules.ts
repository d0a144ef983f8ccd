/**
 * How a dispute's record becomes the engine's facts, and how the engine's answer becomes what a
 * person sees: the step due next, who must act, which steps the form offers. The ladder's rules
 * (order, no step skipped, facilitation at the end of the review, sign-off) are the engine's
 * (src/governance/disputes.ts); nothing here re-decides them. Pure, so tested on its own.
 */
import {
  type Constitution,
  type DisputeCategory,
  type DisputeFacts,
  type DisputeHistoryEntry,
  type DisputeOutcome,
  type DisputeStatus,
  type DisputeStep,
  type DisputeStepResult,
  describeDisputeStep,
  disputeOutcomeLabels,
  type EngineError,
  nextDisputeStep,
} from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';
import type { FieldProblem } from '../shared/problems.ts';

/** The outcomes each kind of step can end in, with the words the form shows for them. */
export const outcomeChoices: Record<
  DisputeStep['step'],
  readonly { value: DisputeOutcome; text: string }[]
> = {
  agreeProcess: choicesOf(['agreed', 'notAgreed']),
  vote: choicesOf(['carried', 'notCarried']),
  mediation: choicesOf(['agreed', 'notAgreed']),
  facilitation: choicesOf(['agreed', 'notAgreed']),
  signOff: choicesOf(['signedOff', 'notSignedOff']),
};

function choicesOf(outcomes: readonly DisputeOutcome[]): { value: DisputeOutcome; text: string }[] {
  return outcomes.map((value) => ({ value, text: disputeOutcomeLabels[value] }));
}

/** An outcome in words: the engine's labels, kept in one place beside the ladder's rules. */
export const outcomeWords: Record<DisputeOutcome, string> = disputeOutcomeLabels;

/** The categories of the constitution's dispute procedure, for the "raise a dispute" form. */
export function disputeCategories(constitution: Constitution): readonly DisputeCategory[] {
  return constitution.disputes?.categories ?? [];
}

export function ladderStep(
  constitution: Constitution,
  categoryId: string,
  stepId: string,
): DisputeStep | undefined {
  return disputeCategories(constitution)
    .find((category) => category.id === categoryId)
    ?.ladder.find((step) => step.id === stepId);
}

/** A step as recorded in the database. */
export interface RecordedStep {
  stepId: string;
  takenOn: string;
  takenBy: string;
  outcome: string;
  boardOrganisationId: string | null;
  note: string | null;
}

/** The joint review a dispute arose in, as far as the ladder cares. */
export interface ReviewFacts {
  title: string;
  agreedOn: string | null;
  agreedMinuteReference: string | null;
  endedOn: string | null;
}

/**
 * The engine's facts for a dispute. A dispute arising in a joint review whose decision process
 * was agreed (2006 §112) has taken the ladder's first step by that agreement: it is put first in
 * the history, dated and attributed to the review's agreement, rather than recorded twice.
 */
export function disputeFactsOf(input: {
  constitution: Constitution;
  category: string;
  steps: readonly RecordedStep[];
  review: ReviewFacts | null;
  sponsoringBoards: readonly { id: string; name: string }[];
}): DisputeFacts {
  const category = disputeCategories(input.constitution).find(
    (candidate) => candidate.id === input.category,
  );
  const first = category?.ladder[0];
  const history: DisputeHistoryEntry[] = [];
  if (first?.step === 'agreeProcess' && input.review?.agreedOn) {
    const agreedBy = describeDisputeStep(input.constitution, first).by;
    history.push({
      step: first.id,
      date: input.review.agreedOn,
      by: `${agreedBy ?? 'the group'}${input.review.agreedMinuteReference ? ` (minute ${input.review.agreedMinuteReference})` : ''}`,
      outcome: 'agreed',
      note: `the decision process and the handling of a failure to agree were agreed for the joint review "${input.review.title}"`,
    });
  }
  for (const step of input.steps) {
    history.push({
      step: step.stepId,
      date: step.takenOn,
      by: step.takenBy,
      outcome: step.outcome as DisputeOutcome,
      ...(step.boardOrganisationId !== null && { board: step.boardOrganisationId }),
      ...(step.note !== null && step.note !== '' && { note: step.note }),
    });
  }
  const endsInSignOff = category?.ladder.at(-1)?.step === 'signOff';
  return {
    category: input.category,
    ...(endsInSignOff && input.sponsoringBoards.length > 0
      ? { sponsoringBoards: input.sponsoringBoards.map(({ id, name }) => ({ id, name })) }
      : {}),
    ...(input.review?.endedOn ? { reviewEndedOn: input.review.endedOn } : {}),
    history,
  };
}

/** The stored status follows the engine: open while a step is due or awaited. */
export function storedStatusOf(status: DisputeStatus): 'open' | 'resolved' | 'unresolved' {
  switch (status) {
    case 'next':
    case 'waiting':
      return 'open';
    case 'resolved':
      return 'resolved';
    case 'unresolved':
    case 'signOffRefused':
      return 'unresolved';
  }
}

/** Who must act now, in words, for the oversight page and the dispute page. */
export function whoMustAct(result: DisputeStepResult, bodyTitle: string): string {
  const step = result.step;
  if (result.status === 'resolved' || result.status === 'unresolved') return 'No one: it is closed';
  if (result.status === 'signOffRefused') {
    return 'No one: a sponsoring board refused sign-off';
  }
  if (!step) return bodyTitle;
  if (result.status === 'waiting') {
    return `${bodyTitle}, to finish the review (the chair mediates meanwhile); then ${step.by ?? bodyTitle}`;
  }
  switch (step.step) {
    case 'agreeProcess':
      return step.by ?? bodyTitle;
    case 'vote':
      return `The members of ${bodyTitle} entitled to vote`;
    case 'signOff':
      return step.by ? capitalise(step.by) : 'The sponsoring boards';
    default:
      return step.by ? capitalise(step.by) : bodyTitle;
  }
}

/** Sentence case for the engine's lower-case phrases, keeping proper names as written. */
export function capitalise(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The form's field an engine error about the newly recorded step belongs to. */
function fieldOf(error: EngineError, newIndex: number): string {
  const [root, index, leaf] = error.path ?? [];
  if (root !== 'history' || index !== newIndex) return 'stepId';
  switch (leaf) {
    case 'date':
      return 'takenOn';
    case 'outcome':
      return 'outcome';
    case 'board':
      return 'boardOrganisationId';
    default:
      return 'stepId';
  }
}

/** The engine's refusal of a new step, as form problems naming the field and the clause. */
export function stepProblems(errors: readonly EngineError[], newIndex: number): FieldProblem[] {
  return errors.map((error) => ({
    field: fieldOf(error, newIndex),
    message:
      error.clause && !error.message.includes(error.clause)
        ? `${capitalise(error.message)} (${error.clause}).`
        : `${capitalise(error.message)}.`,
  }));
}

/**
 * The ladder steps the engine would accept as the next entry today: a step is offered when some
 * outcome of it fits. Asking the engine keeps the form in step with the ladder's rules (mediation
 * may be repeated; facilitation waits for the end of the review) without restating them.
 */
export function stepsOpenNow(
  constitution: Constitution,
  facts: DisputeFacts,
  asOf: string,
  awaitingBoards: readonly string[],
): DisputeStep[] {
  const category = disputeCategories(constitution).find(
    (candidate) => candidate.id === facts.category,
  );
  if (!category) return [];
  return category.ladder.filter((step) =>
    outcomeChoices[step.step].some(({ value }) => {
      const board = step.step === 'signOff' ? awaitingBoards[0] : undefined;
      if (step.step === 'signOff' && board === undefined) return false;
      const trial = nextDisputeStep(
        constitution,
        {
          ...facts,
          history: [
            ...facts.history,
            {
              step: step.id,
              date: asOf,
              by: 'trial',
              outcome: value,
              ...(board !== undefined && { board }),
            },
          ],
        },
        asOf,
      );
      return trial.ok;
    }),
  );
}

/**
 * The SHA's oversight (2006 §112: "The SHA's performance management responsibility remains"):
 * administrators, anyone holding a post at a strategic health authority (NHS London), and the
 * chairs and secretariats of the partnership's bodies, who run it for NHS London.
 */
export function mayOverseeDisputes(actor: Actor, holdsShaPost: boolean): boolean {
  return (
    actor.kind === 'account' &&
    (actor.isAdministrator ||
      holdsShaPost ||
      actor.bodyRoles.some((fact) => fact.role === 'chair' || fact.role === 'secretariat'))
  );
}

/** A body's disputes are read by its own people (any role, or a seat) and by the SHA. */
export function mayReadDisputes(
  actor: Actor,
  slug: string,
  facts: { holdsShaPost: boolean; holdsSeat: boolean },
): boolean {
  return (
    actor.kind === 'account' &&
    (mayOverseeDisputes(actor, facts.holdsShaPost) ||
      facts.holdsSeat ||
      actor.bodyRoles.some((fact) => fact.bodyId === slug))
  );
}

/** A dispute is raised by a member of the body (any role on it, or a seat) or the secretariat. */
export function mayRaiseDispute(actor: Actor, slug: string, holdsSeat: boolean): boolean {
  return (
    actor.kind === 'account' &&
    (actor.tokenScope === undefined || actor.tokenScope === 'write') &&
    (actor.isAdministrator || holdsSeat || actor.bodyRoles.some((fact) => fact.bodyId === slug))
  );
}

/**
 * Whether a ladder step is the strategic health authority's to take: the constitution names who
 * takes each step in words (2006 §112: "facilitation by NHS London (the London SHA)"), so the
 * step is NHS London's when those words name it or an SHA.
 */
export function isStepForStrategicHealthAuthority(by: string | null): boolean {
  return by !== null && /\bSHA\b|strategic health authority|NHS London/i.test(by);
}
