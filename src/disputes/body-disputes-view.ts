/**
 * The read model of a body's disputes page: its disputes oldest first, each with the step due
 * next, the categories and joint reviews a new dispute may name (2006 §111), and whether the reader
 * may raise one. For the body's own members, chair and secretariat, NHS London (the SHA) and
 * administrators.
 */
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { selectJointReviewsOfBody } from '../joint-reviews/index.ts';
import { forbidden, readerFacts } from './dispute-access.ts';
import { assess } from './dispute-assessment.ts';
import { selectDisputesOfBody } from './dispute-queries.ts';
import { disputeCategories, mayRaiseDispute, mayReadDisputes } from './dispute-rules.ts';
import { type DisputeSummary, summaryOf } from './dispute-summary.ts';
import { viewOf } from './dispute-view.ts';

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

export interface DisputeAwaitingTheChair {
  id: string;
  title: string;
  /** The step in words ("Mediation within the group, conducted by the chair") and its clause. */
  action: string;
  clause: string;
}

/**
 * A body's open disputes whose next step the terms say the chair conducts (2006 §111: "mediation
 * within the Group, conducted by the Chair"), for the chair's controls on the live page; empty for
 * a reader who may not read the body's disputes.
 */
export async function disputesAwaitingTheChair(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
}): Promise<DisputeAwaitingTheChair[]> {
  const { db, actor } = options;
  const today = londonDate(options.now);
  const body = await loadBody(db, options.slug);
  const facts = await readerFacts(db, actor, body.id, today);
  if (!mayReadDisputes(actor, body.slug, facts)) return [];
  const records = (await selectDisputesOfBody(db, body.id)).filter(
    (record) => record.status === 'open',
  );
  const views = await Promise.all(
    records.map(async (record) => viewOf(record, await assess(db, record, today), actor, today)),
  );
  return views.flatMap((view) =>
    view.next?.status === 'next' && view.next.step?.by === 'the chair'
      ? [
          {
            id: view.id,
            title: view.title,
            action: view.next.step.action,
            clause: view.next.step.clause,
          },
        ]
      : [],
  );
}
