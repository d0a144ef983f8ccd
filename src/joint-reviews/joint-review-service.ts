import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import type { Constitution } from '../governance/index.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  conflict,
  hasPostgresErrorCode,
  invalidInput,
  notFound,
  ProblemError,
} from '../shared/problems.ts';
import {
  insertJointReview,
  type JointReviewRecord,
  selectJointReview,
  selectJointReviewForUpdate,
  selectJointReviewsOfBody,
  updateJointReview,
} from './joint-review-queries.ts';
import {
  agreementRule,
  checkAgreement,
  checkEnd,
  checkProcessChange,
  checkStart,
  jointWorkCategories,
  type ReviewStage,
  type Rule,
  type RuleCheck,
  stageOf,
} from './joint-review-rules.ts';

/** A joint service review as the API and the pages show it. */
export interface JointReviewView {
  id: string;
  body: { slug: string; title: string };
  title: string;
  category: { id: string; title: string };
  decisionProcess: string | null;
  failureToAgree: string | null;
  agreedOn: string | null;
  agreedMinuteReference: string | null;
  startedOn: string | null;
  endedOn: string | null;
  stage: ReviewStage;
  /** The rule it answers to (2006 §112), quoted. */
  rule: Rule & { agreedBy: string | null };
  /** Whether this reader may record its process, agreement, start and end. */
  mayManage: boolean;
}

export function viewOf(
  record: JointReviewRecord,
  constitution: Constitution | undefined,
  actor: Actor,
): JointReviewView {
  const category = constitution
    ? jointWorkCategories(constitution).find((candidate) => candidate.id === record.category)
    : undefined;
  const rule = constitution ? agreementRule(constitution, record.category) : undefined;
  return {
    id: record.id,
    body: { slug: record.bodySlug, title: record.bodyTitle },
    title: record.title,
    category: { id: record.category, title: category?.title ?? record.category },
    decisionProcess: record.decisionProcess,
    failureToAgree: record.failureToAgree,
    agreedOn: record.agreedOn,
    agreedMinuteReference: record.agreedMinuteReference,
    startedOn: record.startedOn,
    endedOn: record.endedOn,
    stage: stageOf(record),
    rule: {
      clause: rule?.clause ?? '2006 §112',
      text: rule?.text ?? '',
      agreedBy: rule?.agreedBy
        ? (constitution?.bodies?.find((body) => body.id === rule.agreedBy)?.name ??
          (rule.agreedBy === constitution?.identity.id ? constitution.identity.title : null))
        : null,
    },
    mayManage: mayRunBody(actor, record.bodySlug),
  };
}

function forbidden(bodyTitle: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only an administrator or the secretariat of ${bodyTitle} may record its joint service reviews.`,
  });
}

function throwIfRefused(check: RuleCheck): void {
  if (check.ok) return;
  const [first] = check.errors;
  if (check.status === 409 && first) throw conflict(first.field, first.message);
  throw invalidInput(check.errors);
}

/** What the audit trail keeps of a review. */
function auditedState(record: Omit<JointReviewRecord, 'bodySlug' | 'bodyTitle' | 'createdAt'>) {
  return {
    reviewId: record.id,
    title: record.title,
    category: record.category,
    decisionProcess: record.decisionProcess,
    failureToAgree: record.failureToAgree,
    agreedOn: record.agreedOn,
    agreedMinuteReference: record.agreedMinuteReference,
    startedOn: record.startedOn,
    endedOn: record.endedOn,
  };
}

export interface CreateJointReviewOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  title: string;
  category: string;
  decisionProcess?: string | undefined;
  failureToAgree?: string | undefined;
}

/**
 * Proposes a joint service review (service development or major service reconfiguration, as the
 * constitution in force names them), optionally with its decision process already written.
 */
export async function createJointReview(
  options: CreateJointReviewOptions,
): Promise<{ reviewId: string }> {
  const { db, context, actor } = options;
  const body = await loadBody(db, options.slug);
  if (!mayRunBody(actor, body.slug)) throw forbidden(body.title);
  const today = londonDate(context.now);
  const constitution = await termsInForce(db, body.id, today);
  const categories = constitution ? jointWorkCategories(constitution) : [];
  if (!categories.some((category) => category.id === options.category)) {
    throw invalidInput([
      {
        field: 'category',
        message: categories.length
          ? `Choose the kind of joint work: ${categories.map((category) => `${category.title} (${category.id})`).join(' or ')} (${categories[0]?.clause}).`
          : `The terms of reference of ${body.title} in force today provide for no joint service reviews.`,
      },
    ]);
  }
  const reviewId = uuidv7();
  const row = {
    id: reviewId,
    bodyId: body.id,
    title: options.title,
    category: options.category,
    decisionProcess: options.decisionProcess ?? null,
    failureToAgree: options.failureToAgree ?? null,
    createdAt: context.now,
  };
  await db.transaction(async (transaction) => {
    await insertJointReview(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'joint-review.proposed',
        entityType: 'body',
        entityId: body.id,
        after: auditedState({
          ...row,
          agreedOn: null,
          agreedMinuteReference: null,
          startedOn: null,
          endedOn: null,
        }),
      },
    ]);
  });
  return { reviewId };
}

type Change =
  | { kind: 'process'; decisionProcess: string; failureToAgree: string }
  | { kind: 'agreement'; agreedOn: string; agreedMinuteReference: string }
  | { kind: 'start'; startedOn: string }
  | { kind: 'end'; endedOn: string };

const actionOf: Record<Change['kind'], string> = {
  process: 'joint-review.process-recorded',
  agreement: 'joint-review.process-agreed',
  start: 'joint-review.started',
  end: 'joint-review.ended',
};

/**
 * One change to a review, checked against 2006 §112 as the constitution in force words it, in
 * one transaction with its audit event. The database's CHECK that a review cannot start before it
 * is agreed backs the rule up; were it ever reached, it is reported with the clause too.
 */
export async function changeJointReview(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  reviewId: string;
  change: Change;
}): Promise<JointReviewView> {
  const { db, context, actor, change } = options;
  const today = londonDate(context.now);
  try {
    return await db.transaction(async (transaction) => {
      const review = await selectJointReviewForUpdate(transaction, options.reviewId);
      if (!review) throw notFound('joint review', options.reviewId);
      if (!mayRunBody(actor, review.bodySlug)) throw forbidden(review.bodyTitle);
      const constitution = await termsInForce(transaction, review.bodyId, today);
      const rule: Rule = (constitution && agreementRule(constitution, review.category)) ?? {
        clause: '2006 §112',
        text: 'Groups will decide in advance of considering a specific piece of joint work around service development or service reconfiguration a process for decision making and how they intend to deal with a failure to agree.',
      };
      let changes: Parameters<typeof updateJointReview>[2];
      switch (change.kind) {
        case 'process':
          throwIfRefused(checkProcessChange(review, rule));
          changes = {
            decisionProcess: change.decisionProcess,
            failureToAgree: change.failureToAgree,
          };
          break;
        case 'agreement':
          throwIfRefused(checkAgreement(review, change, rule, today));
          changes = {
            agreedOn: change.agreedOn,
            agreedMinuteReference: change.agreedMinuteReference,
          };
          break;
        case 'start':
          throwIfRefused(checkStart(review, change.startedOn, rule, today));
          changes = { startedOn: change.startedOn };
          break;
        case 'end':
          throwIfRefused(checkEnd(review, change.endedOn, today));
          changes = { endedOn: change.endedOn };
          break;
      }
      await updateJointReview(transaction, review.id, changes);
      const after = { ...review, ...changes };
      await recordAuditEvents(transaction, context, [
        {
          action: actionOf[change.kind],
          entityType: 'body',
          entityId: review.bodyId,
          before: auditedState(review),
          after: auditedState(after),
        },
      ]);
      return viewOf(after, constitution, actor);
    });
  } catch (error) {
    // 23514: check_violation — joint_reviews_start_needs_agreement, the database's copy of §112.
    if (hasPostgresErrorCode(error, '23514')) {
      throw conflict(
        'startedOn',
        'The review cannot start until its decision process and how a failure to agree will be dealt with are recorded and agreed (2006 §112).',
      );
    }
    throw error;
  }
}

export async function getJointReview(options: {
  db: Database;
  actor: Actor;
  reviewId: string;
  now: Date;
}): Promise<JointReviewView> {
  const review = await selectJointReview(options.db, options.reviewId);
  if (!review) throw notFound('joint review', options.reviewId);
  const constitution = await termsInForce(options.db, review.bodyId, londonDate(options.now));
  return viewOf(review, constitution, options.actor);
}

export interface JointReviewList {
  body: { slug: string; title: string };
  today: string;
  /** The kinds of joint work the terms in force provide for, with the rule they answer to. */
  categories: { id: string; title: string }[];
  rule: Rule | null;
  items: JointReviewView[];
  mayManage: boolean;
}

/** A body's joint service reviews, oldest first. They are public record: the process agreed. */
export async function listJointReviews(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
}): Promise<JointReviewList> {
  const { db, actor } = options;
  const body = await loadBody(db, options.slug);
  const today = londonDate(options.now);
  const constitution = await termsInForce(db, body.id, today);
  const categories = constitution ? jointWorkCategories(constitution) : [];
  const rule =
    constitution && categories[0] ? (agreementRule(constitution, categories[0].id) ?? null) : null;
  const records = await selectJointReviewsOfBody(db, body.id);
  return {
    body: { slug: body.slug, title: body.title },
    today,
    categories: categories.map(({ id, title }) => ({ id, title })),
    rule: rule ? { clause: rule.clause, text: rule.text } : null,
    items: records.map((record) => viewOf(record, constitution, actor)),
    mayManage: mayRunBody(actor, body.slug),
  };
}
