import { and, asc, count, desc, eq, gte, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { proposals } from '../db/schema/decisions.ts';
import { disputeSteps, disputes } from '../db/schema/disputes.ts';
import { meetings } from '../db/schema/meetings.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import { organisations, people, posts } from '../db/schema/registry.ts';

export interface DisputeRecord {
  id: string;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  category: string;
  title: string;
  description: string;
  jointReviewId: string | null;
  raisedByPersonId: string | null;
  raisedByName: string | null;
  raisedOn: string;
  status: string;
  createdAt: Date;
}

const disputeColumns = {
  id: disputes.id,
  bodyId: disputes.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  category: disputes.category,
  title: disputes.title,
  description: disputes.description,
  jointReviewId: disputes.jointReviewId,
  raisedByPersonId: disputes.raisedByPersonId,
  raisedByName: people.name,
  raisedOn: disputes.raisedOn,
  status: disputes.status,
  createdAt: disputes.createdAt,
};

async function selectDisputes(
  reader: Reader,
  where: SQL | undefined,
  forUpdate = false,
): Promise<DisputeRecord[]> {
  const query = reader
    .select(disputeColumns)
    .from(disputes)
    .innerJoin(bodies, eq(disputes.bodyId, bodies.id))
    .leftJoin(people, eq(disputes.raisedByPersonId, people.id))
    .where(where)
    .orderBy(asc(disputes.raisedOn), asc(disputes.id));
  return forUpdate ? query.for('update', { of: disputes }) : query;
}

export async function selectDispute(reader: Reader, id: string) {
  const [row] = await selectDisputes(reader, eq(disputes.id, id));
  return row;
}

/** One dispute, locked so two steps recorded at once queue and take consecutive positions. */
export async function selectDisputeForUpdate(transaction: Transaction, id: string) {
  const [row] = await selectDisputes(transaction, eq(disputes.id, id), true);
  return row;
}

export async function selectDisputesOfBody(reader: Reader, bodyId: string) {
  return selectDisputes(reader, eq(disputes.bodyId, bodyId));
}

/** Every open dispute across bodies, oldest first: the SHA's oversight list. */
export async function selectOpenDisputes(reader: Reader) {
  return selectDisputes(reader, eq(disputes.status, 'open'));
}

export async function insertDispute(
  transaction: Transaction,
  row: {
    id: string;
    bodyId: string;
    category: string;
    title: string;
    description: string;
    jointReviewId: string | null;
    raisedByPersonId: string | null;
    raisedOn: string;
    status: string;
    createdAt: Date;
  },
): Promise<void> {
  await transaction.insert(disputes).values(row);
}

export async function updateDisputeStatus(
  transaction: Transaction,
  id: string,
  status: string,
): Promise<void> {
  await transaction.update(disputes).set({ status }).where(eq(disputes.id, id));
}

export interface DisputeStepRecord {
  id: string;
  disputeId: string;
  position: number;
  stepId: string;
  takenOn: string;
  takenBy: string;
  outcome: string;
  boardOrganisationId: string | null;
  boardName: string | null;
  proposalId: string | null;
  note: string | null;
  recordedAt: Date;
}

/** A dispute's steps in the order they were taken (their position). */
export async function selectDisputeSteps(
  reader: Reader,
  disputeId: string,
): Promise<DisputeStepRecord[]> {
  return reader
    .select({
      id: disputeSteps.id,
      disputeId: disputeSteps.disputeId,
      position: disputeSteps.position,
      stepId: disputeSteps.stepId,
      takenOn: disputeSteps.takenOn,
      takenBy: disputeSteps.takenBy,
      outcome: disputeSteps.outcome,
      boardOrganisationId: disputeSteps.boardOrganisationId,
      boardName: organisations.name,
      proposalId: disputeSteps.proposalId,
      note: disputeSteps.note,
      recordedAt: disputeSteps.recordedAt,
    })
    .from(disputeSteps)
    .leftJoin(organisations, eq(disputeSteps.boardOrganisationId, organisations.id))
    .where(eq(disputeSteps.disputeId, disputeId))
    .orderBy(asc(disputeSteps.position));
}

export async function insertDisputeStep(
  transaction: Transaction,
  row: {
    id: string;
    disputeId: string;
    position: number;
    stepId: string;
    takenOn: string;
    takenBy: string;
    outcome: string;
    boardOrganisationId: string | null;
    proposalId: string | null;
    note: string | null;
    recordedAt: Date;
  },
): Promise<void> {
  await transaction.insert(disputeSteps).values(row);
}

export async function countDisputeSteps(reader: Reader, disputeId: string): Promise<number> {
  const [row] = await reader
    .select({ steps: count() })
    .from(disputeSteps)
    .where(eq(disputeSteps.disputeId, disputeId));
  return row?.steps ?? 0;
}

/**
 * A proposal as a dispute's vote step needs it: its status, its stored outcome and the body whose
 * meeting put it. Read straight from the table the decisions capability writes.
 */
export async function selectProposalOutcome(reader: Reader, proposalId: string) {
  const [row] = await reader
    .select({
      id: proposals.id,
      title: proposals.title,
      status: proposals.status,
      outcome: proposals.outcome,
      closedAt: proposals.closedAt,
      methodId: proposals.methodId,
      bodyId: meetings.bodyId,
    })
    .from(proposals)
    .innerJoin(meetings, eq(proposals.meetingId, meetings.id))
    .where(eq(proposals.id, proposalId));
  return row;
}

/** Whether the person holds a post, on that day, at a strategic health authority (NHS London). */
export async function holdsStrategicHealthAuthorityPost(
  reader: Reader,
  personId: string,
  onDate: string,
): Promise<boolean> {
  const [row] = await reader
    .select({ id: posts.id })
    .from(posts)
    .innerJoin(organisations, eq(posts.organisationId, organisations.id))
    .where(
      and(
        eq(posts.personId, personId),
        eq(organisations.type, 'strategic-health-authority'),
        lte(posts.startsOn, onDate),
        or(isNull(posts.endsOn), gte(posts.endsOn, onDate)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Whether the person holds a seat on the body on that day. */
export async function holdsSeatOn(
  reader: Reader,
  bodyId: string,
  personId: string,
  onDate: string,
): Promise<boolean> {
  const [row] = await reader
    .select({ id: seatHoldings.id })
    .from(seatHoldings)
    .where(
      and(
        eq(seatHoldings.bodyId, bodyId),
        eq(seatHoldings.personId, personId),
        lte(seatHoldings.startsOn, onDate),
        or(isNull(seatHoldings.endsOn), gte(seatHoldings.endsOn, onDate)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The PCTs represented on the body on a day: the boards whose sign-off ends a joint-work dispute
 * (2006 §112, "sign off at the end of the process by the sponsoring PCT Boards").
 */
export async function selectRepresentedPrimaryCareTrusts(
  reader: Reader,
  bodyId: string,
  onDate: string,
): Promise<{ id: string; name: string }[]> {
  return reader
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(seatHoldings)
    .innerJoin(organisations, eq(seatHoldings.organisationId, organisations.id))
    .where(
      and(
        eq(seatHoldings.bodyId, bodyId),
        eq(organisations.type, 'primary-care-trust'),
        lte(seatHoldings.startsOn, onDate),
        or(isNull(seatHoldings.endsOn), gte(seatHoldings.endsOn, onDate)),
      ),
    )
    .orderBy(asc(organisations.name));
}

/** Closed proposals of the body's meetings decided by vote: what a vote step may name. */
export async function selectClosedVotesOfBody(reader: Reader, bodyId: string) {
  return reader
    .select({ id: proposals.id, title: proposals.title, outcome: proposals.outcome })
    .from(proposals)
    .innerJoin(meetings, eq(proposals.meetingId, meetings.id))
    .where(
      and(
        eq(meetings.bodyId, bodyId),
        eq(proposals.status, 'closed'),
        or(eq(proposals.outcome, 'carried'), eq(proposals.outcome, 'notCarried')),
      ),
    )
    .orderBy(desc(proposals.closedAt));
}
