/**
 * Raising a dispute in a body (2006 §111: collective procurement, service development, major
 * service reconfiguration), by its member, chair or secretariat that day, or an administrator:
 * the permission check (also asked before the request's body is read), the category under the
 * terms in force on the day it is raised, the joint review it arose in, and the `dispute.raised`
 * audit event, in one transaction.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { type JointReviewRecord, selectJointReview } from '../joint-reviews/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { type FieldProblem, invalidInput } from '../shared/problems.ts';
import { forbidden, readerFacts } from './dispute-access.ts';
import { insertDispute } from './dispute-queries.ts';
import { disputeCategories, mayRaiseDispute } from './dispute-rules.ts';

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
