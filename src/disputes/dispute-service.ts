import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/record-audit-event.ts';
import { loadBody, termsInForce } from '../bodies/body-in-force.ts';
import type { Database, Reader } from '../db/connection.ts';
import {
  type Citation,
  type Constitution,
  type DisputeFacts,
  type DisputeStepResult,
  daysBetween,
  describeDisputeStep,
  type EngineResult,
  nextDisputeStep,
} from '../governance/index.ts';
import { londonDate } from '../identity/actor.ts';
import type { Actor } from '../identity/policy.ts';
import { mayRunBody } from '../identity/policy.ts';
import {
  type JointReviewRecord,
  selectJointReview,
  selectJointReviewsOfBody,
} from '../joint-reviews/joint-review-queries.ts';
import { stageOf } from '../joint-reviews/joint-review-rules.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  type FieldProblem,
  invalidInput,
  isUniqueViolation,
  notFound,
  ProblemError,
} from '../shared/problems.ts';
import {
  type DisputeRecord,
  type DisputeStepRecord,
  holdsSeatOn,
  holdsStrategicHealthAuthorityPost,
  insertDispute,
  insertDisputeStep,
  selectClosedVotesOfBody,
  selectDispute,
  selectDisputeForUpdate,
  selectDisputeSteps,
  selectDisputesOfBody,
  selectOpenDisputes,
  selectProposalOutcome,
  selectRepresentedPrimaryCareTrusts,
  updateDisputeStatus,
} from './dispute-queries.ts';
import {
  capitalise,
  disputeCategories,
  disputeFactsOf,
  ladderStep,
  mayOverseeDisputes,
  mayRaiseDispute,
  mayReadDisputes,
  outcomeChoices,
  outcomeWords,
  stepProblems,
  stepsOpenNow,
  storedStatusOf,
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
}

function forbidden(detail: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail,
  });
}

interface Assessment {
  constitution: Constitution | undefined;
  steps: DisputeStepRecord[];
  review: JointReviewRecord | undefined;
  boards: { id: string; name: string }[];
  facts: DisputeFacts;
  result: EngineResult<DisputeStepResult> | undefined;
}

/** Everything the engine needs about a dispute, gathered, and its verdict on what comes next. */
async function assess(reader: Reader, dispute: DisputeRecord, today: string): Promise<Assessment> {
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

function viewOf(
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
    mayRecordStep: dispute.status === 'open' && mayRunBody(actor, dispute.bodySlug),
  };
}

/** What the policy's facts cannot say: whether the reader holds an SHA post, or a seat on the body. */
async function readerFacts(reader: Reader, actor: Actor, bodyId: string | null, today: string) {
  if (actor.kind !== 'account' || actor.personId === null) {
    return { holdsShaPost: false, holdsSeat: false };
  }
  const [holdsShaPost, holdsSeat] = await Promise.all([
    holdsStrategicHealthAuthorityPost(reader, actor.personId, today),
    bodyId ? holdsSeatOn(reader, bodyId, actor.personId, today) : false,
  ]);
  return { holdsShaPost, holdsSeat };
}

function bodyOf(dispute: DisputeRecord) {
  return { id: dispute.bodyId, slug: dispute.bodySlug, title: dispute.bodyTitle };
}

async function refuseUnlessMayRead(
  reader: Reader,
  actor: Actor,
  body: { id: string; slug: string; title: string },
  today: string,
) {
  const facts = await readerFacts(reader, actor, body.id, today);
  if (!mayReadDisputes(actor, body.slug, facts)) {
    throw forbidden(
      `Only the members, chair and secretariat of ${body.title}, NHS London (the SHA) and administrators may read its disputes.`,
    );
  }
}

export interface RaiseDisputeOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  category: string;
  title: string;
  description: string;
  jointReviewId?: string | undefined;
  raisedOn: string;
}

/**
 * Whether the actor may raise a dispute in the body: its member, chair or secretariat that day, or
 * an administrator. Asked before the request's body is read, too (routes.ts), so a refusal never
 * depends on what was sent.
 */
export async function bodyWhoseDisputesMayBeRaised(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
}) {
  const body = await loadBody(options.db, options.slug);
  const { holdsSeat } = await readerFacts(
    options.db,
    options.actor,
    body.id,
    londonDate(options.now),
  );
  if (!mayRaiseDispute(options.actor, body.slug, holdsSeat)) {
    throw forbidden(
      `Only a member, the chair or the secretariat of ${body.title}, or an administrator, may raise a dispute in it.`,
    );
  }
  return body;
}

/**
 * Raises a dispute, categorised under the constitution in force on the day it is raised (2006
 * §111: collective procurement, service development, major service reconfiguration). One arising
 * in a joint service review names it, and takes the review's category.
 */
export async function raiseDispute(options: RaiseDisputeOptions): Promise<{ disputeId: string }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const body = await bodyWhoseDisputesMayBeRaised({
    db,
    actor,
    slug: options.slug,
    now: context.now,
  });
  const problems: FieldProblem[] = [];
  if (options.raisedOn > today) {
    problems.push({
      field: 'raisedOn',
      message: `A dispute cannot be raised after today (${today}).`,
    });
  }
  const constitution = await termsInForce(db, body.id, options.raisedOn);
  const categories = constitution ? disputeCategories(constitution) : [];
  const category = categories.find((candidate) => candidate.id === options.category);
  if (!constitution) {
    problems.push({
      field: 'raisedOn',
      message: `No terms of reference of ${body.title} were in force on ${options.raisedOn}.`,
    });
  } else if (!category) {
    problems.push({
      field: 'category',
      message: categories.length
        ? `Choose the category of the dispute: ${categories.map((candidate) => candidate.title).join(', ')} (${categories[0]?.clause}).`
        : `The terms of reference of ${body.title} have no dispute procedure.`,
    });
  }
  let review: JointReviewRecord | undefined;
  if (options.jointReviewId) {
    review = await selectJointReview(db, options.jointReviewId);
    if (!review || review.bodyId !== body.id) {
      problems.push({
        field: 'jointReviewId',
        message: `Choose one of the joint service reviews of ${body.title}.`,
      });
    } else if (category && review.category !== category.id) {
      problems.push({
        field: 'category',
        message: `A dispute in the joint review "${review.title}" is in its category, ${categories.find((candidate) => candidate.id === review?.category)?.title ?? review.category} (${category.clause}).`,
      });
    }
  }
  if (problems.length > 0) throw invalidInput(problems);

  const disputeId = uuidv7();
  const row = {
    id: disputeId,
    bodyId: body.id,
    category: options.category,
    title: options.title,
    description: options.description,
    jointReviewId: review?.id ?? null,
    raisedByPersonId: actor.kind === 'account' ? actor.personId : null,
    raisedOn: options.raisedOn,
    status: 'open',
    createdAt: context.now,
  };
  await db.transaction(async (transaction) => {
    await insertDispute(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'dispute.raised',
        entityType: 'body',
        entityId: body.id,
        after: {
          disputeId,
          category: row.category,
          title: row.title,
          description: row.description,
          jointReviewId: row.jointReviewId,
          raisedOn: row.raisedOn,
          status: row.status,
        },
      },
    ]);
  });
  return { disputeId };
}

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
      if (!mayRunBody(actor, dispute.bodySlug)) {
        await refuseUnlessMayRead(transaction, actor, bodyOf(dispute), today);
        throw forbidden(
          `Only an administrator or the secretariat of ${dispute.bodyTitle} may record the steps taken on its disputes.`,
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

export interface DisputeSummary {
  id: string;
  body: { slug: string; title: string };
  title: string;
  category: { id: string; title: string };
  raisedOn: string;
  ageInDays: number;
  status: string;
  nextStep: { action: string; clause: string } | null;
  nextSummary: string | null;
  whoMustAct: string | null;
}

function summaryOf(view: DisputeView): DisputeSummary {
  return {
    id: view.id,
    body: view.body,
    title: view.title,
    category: { id: view.category.id, title: view.category.title },
    raisedOn: view.raisedOn,
    ageInDays: view.ageInDays,
    status: view.status,
    nextStep: view.next?.step
      ? { action: view.next.step.action, clause: view.next.step.clause }
      : null,
    nextSummary: view.next?.summary ?? view.problems[0] ?? null,
    whoMustAct: view.next?.whoMustAct ?? null,
  };
}

export interface BodyDisputes {
  body: { slug: string; title: string };
  today: string;
  categories: { id: string; title: string; clause: string }[];
  jointReviews: { id: string; title: string; category: string }[];
  items: DisputeSummary[];
  mayRaise: boolean;
}

/** A body's disputes, oldest first, each with the step due next; for its own people and the SHA. */
export async function listBodyDisputes(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
}): Promise<BodyDisputes> {
  const { db, actor } = options;
  const today = londonDate(options.now);
  const body = await loadBody(db, options.slug);
  const facts = await readerFacts(db, actor, body.id, today);
  if (!mayReadDisputes(actor, body.slug, facts)) {
    throw forbidden(
      `Only the members, chair and secretariat of ${body.title}, NHS London (the SHA) and administrators may read its disputes.`,
    );
  }
  const records = await selectDisputesOfBody(db, body.id);
  const items = await Promise.all(
    records.map(async (record) =>
      summaryOf(viewOf(record, await assess(db, record, today), actor, today)),
    ),
  );
  const constitution = await termsInForce(db, body.id, today);
  const reviews = await selectJointReviewsOfBody(db, body.id);
  return {
    body: { slug: body.slug, title: body.title },
    today,
    categories: (constitution ? disputeCategories(constitution) : []).map(
      ({ id, title, clause }) => ({ id, title, clause }),
    ),
    jointReviews: reviews.map(({ id, title, category }) => ({ id, title, category })),
    items,
    mayRaise: mayRaiseDispute(actor, body.slug, facts.holdsSeat),
  };
}

export interface OversightList {
  today: string;
  items: DisputeSummary[];
}

/**
 * Every open dispute across all bodies, oldest first, with its age, the step due next and who
 * must act: NHS London's view (2006 §112, "The SHA's performance management responsibility
 * remains and complements these arrangements").
 */
export async function listOpenDisputesForOversight(options: {
  db: Database;
  actor: Actor;
  now: Date;
}): Promise<OversightList> {
  const { db, actor } = options;
  const today = londonDate(options.now);
  const { holdsShaPost } = await readerFacts(db, actor, null, today);
  if (!mayOverseeDisputes(actor, holdsShaPost)) {
    throw forbidden(
      'The oversight of disputes is for NHS London (the SHA): anyone holding a post there, the chairs and secretariats of the partnership’s bodies, and administrators.',
    );
  }
  const records = await selectOpenDisputes(db);
  const items = await Promise.all(
    records.map(async (record) =>
      summaryOf(viewOf(record, await assess(db, record, today), actor, today)),
    ),
  );
  return { today, items };
}
