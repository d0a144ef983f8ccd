import { asc, eq, type SQL } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { jointReviews } from '../db/schema/joint-reviews.ts';

export interface JointReviewRecord {
  id: string;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  title: string;
  category: string;
  decisionProcess: string | null;
  failureToAgree: string | null;
  agreedOn: string | null;
  agreedMinuteReference: string | null;
  startedOn: string | null;
  endedOn: string | null;
  createdAt: Date;
}

const reviewColumns = {
  id: jointReviews.id,
  bodyId: jointReviews.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  title: jointReviews.title,
  category: jointReviews.category,
  decisionProcess: jointReviews.decisionProcess,
  failureToAgree: jointReviews.failureToAgree,
  agreedOn: jointReviews.agreedOn,
  agreedMinuteReference: jointReviews.agreedMinuteReference,
  startedOn: jointReviews.startedOn,
  endedOn: jointReviews.endedOn,
  createdAt: jointReviews.createdAt,
};

async function selectReviews(
  reader: Reader,
  where: SQL,
  forUpdate = false,
): Promise<JointReviewRecord[]> {
  const query = reader
    .select(reviewColumns)
    .from(jointReviews)
    .innerJoin(bodies, eq(jointReviews.bodyId, bodies.id))
    .where(where)
    .orderBy(asc(jointReviews.createdAt), asc(jointReviews.id));
  return forUpdate ? query.for('update', { of: jointReviews }) : query;
}

export async function selectJointReview(
  reader: Reader,
  id: string,
): Promise<JointReviewRecord | undefined> {
  const [row] = await selectReviews(reader, eq(jointReviews.id, id));
  return row;
}

/** One review, locked for the rest of the transaction so two changes to it queue. */
export async function selectJointReviewForUpdate(
  transaction: Transaction,
  id: string,
): Promise<JointReviewRecord | undefined> {
  const [row] = await selectReviews(transaction, eq(jointReviews.id, id), true);
  return row;
}

export async function selectJointReviewsOfBody(
  reader: Reader,
  bodyId: string,
): Promise<JointReviewRecord[]> {
  return selectReviews(reader, eq(jointReviews.bodyId, bodyId));
}

export async function insertJointReview(
  transaction: Transaction,
  row: {
    id: string;
    bodyId: string;
    title: string;
    category: string;
    decisionProcess: string | null;
    failureToAgree: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await transaction.insert(jointReviews).values(row);
}

export async function updateJointReview(
  transaction: Transaction,
  id: string,
  changes: Partial<{
    decisionProcess: string | null;
    failureToAgree: string | null;
    agreedOn: string;
    agreedMinuteReference: string;
    startedOn: string;
    endedOn: string;
  }>,
): Promise<void> {
  await transaction.update(jointReviews).set(changes).where(eq(jointReviews.id, id));
}
