/**
 * SQL for London's intentions, their agreement, the prospectus and local plans. It writes only
 * commissioning's own tables; it reads the registry (PCTs, sectors, posts), bodies, meetings,
 * decisions and the specification library to join them into what the use cases check.
 */
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import {
  commissioningIntentions,
  commissioningRounds,
  intentionSources,
  roundPriorities,
  roundSubmissions,
} from '../db/schema/commissioning.ts';
import { proposals } from '../db/schema/decisions.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { organisations, posts, sectors } from '../db/schema/registry.ts';
import { specifications, specificationVersions } from '../db/schema/specifications.ts';
import type { RoundStatus, Submitter } from './intention-rules.ts';

export interface RoundRecord {
  id: string;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  startYear: number;
  status: RoundStatus;
  submissionsDueOn: string;
  agreementBy: string;
  publicationBy: string;
  agreementProposalId: string | null;
  agreedOn: string | null;
  prospectus: unknown;
  publishedAt: Date | null;
  publishedBy: string | null;
}

const roundColumns = {
  id: commissioningRounds.id,
  bodyId: commissioningRounds.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  startYear: commissioningRounds.startYear,
  status: commissioningRounds.status,
  submissionsDueOn: commissioningRounds.submissionsDueOn,
  agreementBy: commissioningRounds.agreementBy,
  publicationBy: commissioningRounds.publicationBy,
  agreementProposalId: commissioningRounds.agreementProposalId,
  agreedOn: commissioningRounds.agreedOn,
  prospectus: commissioningRounds.prospectus,
  publishedAt: commissioningRounds.publishedAt,
  publishedBy: commissioningRounds.publishedBy,
};

/** The body's round for a year; locked for the rest of the transaction when asked, so changes queue. */
export async function selectRound(
  reader: Reader,
  bodySlug: string,
  startYear: number,
  forUpdate = false,
): Promise<RoundRecord | undefined> {
  const query = reader
    .select(roundColumns)
    .from(commissioningRounds)
    .innerJoin(bodies, eq(commissioningRounds.bodyId, bodies.id))
    .where(and(eq(bodies.slug, bodySlug), eq(commissioningRounds.startYear, startYear)));
  const [row] = forUpdate ? await query.for('update', { of: commissioningRounds }) : await query;
  return row && { ...row, status: row.status as RoundStatus };
}

export async function updateRound(
  transaction: Transaction,
  roundId: string,
  changes: Partial<{
    status: RoundStatus;
    agreementProposalId: string | null;
    agreedOn: string | null;
    prospectus: unknown;
    publishedAt: Date;
    publishedBy: string;
  }>,
): Promise<void> {
  await transaction
    .update(commissioningRounds)
    .set(changes)
    .where(eq(commissioningRounds.id, roundId));
}

export interface PriorityRecord {
  id: string;
  title: string;
  serviceArea: string;
  rationale: string;
  expectedEffect: string;
  population: string;
  submitter: Submitter;
}

/**
 * The priorities returned to the round, each with who sent it: a PCT (its sector from the
 * registry) or a local group (its sector is the one its slug names, as the 2006 local groups are
 * named after their sectors).
 */
export async function selectPriorities(reader: Reader, roundId: string): Promise<PriorityRecord[]> {
  const rows = await reader
    .select({
      id: roundPriorities.id,
      title: roundPriorities.title,
      serviceArea: roundPriorities.serviceArea,
      rationale: roundPriorities.rationale,
      expectedEffect: roundPriorities.expectedEffect,
      population: roundPriorities.population,
      organisationName: organisations.name,
      bodyTitle: bodies.title,
      sectorId: sectors.id,
      sectorName: sectors.name,
    })
    .from(roundPriorities)
    .innerJoin(roundSubmissions, eq(roundPriorities.submissionId, roundSubmissions.id))
    .leftJoin(organisations, eq(roundSubmissions.organisationId, organisations.id))
    .leftJoin(bodies, eq(roundSubmissions.bodyId, bodies.id))
    .leftJoin(
      sectors,
      sql`${sectors.id} = coalesce(${organisations.sectorId}, regexp_replace(${bodies.slug}, '-local-commissioning-group$', ''))`,
    )
    .where(eq(roundSubmissions.roundId, roundId))
    .orderBy(
      asc(sql`coalesce(${organisations.name}, ${bodies.title})`),
      asc(roundPriorities.position),
    );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    serviceArea: row.serviceArea,
    rationale: row.rationale,
    expectedEffect: row.expectedEffect,
    population: row.population,
    submitter: {
      kind: row.organisationName === null ? 'group' : 'pct',
      name: row.organisationName ?? row.bodyTitle ?? '',
      sectorId: row.sectorId,
      sectorName: row.sectorName,
    },
  }));
}

export interface IntentionRecord {
  id: string;
  position: number;
  title: string;
  serviceArea: string;
  description: string;
  specification: { versionId: string; title: string; version: number } | null;
  sourcePriorityIds: string[];
}

export async function selectIntentions(
  reader: Reader,
  roundId: string,
): Promise<IntentionRecord[]> {
  const rows = await reader
    .select({
      id: commissioningIntentions.id,
      position: commissioningIntentions.position,
      title: commissioningIntentions.title,
      serviceArea: commissioningIntentions.serviceArea,
      description: commissioningIntentions.description,
      versionId: specificationVersions.id,
      specificationTitle: specifications.title,
      version: specificationVersions.version,
    })
    .from(commissioningIntentions)
    .leftJoin(
      specificationVersions,
      eq(commissioningIntentions.specificationVersionId, specificationVersions.id),
    )
    .leftJoin(specifications, eq(specificationVersions.specificationId, specifications.id))
    .where(eq(commissioningIntentions.roundId, roundId))
    .orderBy(asc(commissioningIntentions.position));
  const sources = rows.length
    ? await reader
        .select({
          intentionId: intentionSources.intentionId,
          priorityId: intentionSources.priorityId,
        })
        .from(intentionSources)
        .where(
          inArray(
            intentionSources.intentionId,
            rows.map((row) => row.id),
          ),
        )
    : [];
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    title: row.title,
    serviceArea: row.serviceArea,
    description: row.description,
    specification:
      row.versionId && row.specificationTitle && row.version !== null
        ? { versionId: row.versionId, title: row.specificationTitle, version: row.version }
        : null,
    sourcePriorityIds: sources
      .filter((source) => source.intentionId === row.id)
      .map((source) => source.priorityId),
  }));
}

export async function insertIntention(
  transaction: Transaction,
  row: typeof commissioningIntentions.$inferInsert,
): Promise<void> {
  await transaction.insert(commissioningIntentions).values(row);
}

export async function updateIntention(
  transaction: Transaction,
  intentionId: string,
  changes: Partial<{
    title: string;
    serviceArea: string;
    description: string;
    specificationVersionId: string | null;
    position: number;
  }>,
): Promise<void> {
  await transaction
    .update(commissioningIntentions)
    .set(changes)
    .where(eq(commissioningIntentions.id, intentionId));
}

/** Removes an intention with the links to the priorities it consolidated, and closes the gap. */
export async function deleteIntention(
  transaction: Transaction,
  roundId: string,
  intention: { id: string; position: number },
): Promise<void> {
  await transaction.delete(intentionSources).where(eq(intentionSources.intentionId, intention.id));
  await transaction
    .delete(commissioningIntentions)
    .where(eq(commissioningIntentions.id, intention.id));
  // Two steps through negative positions, so the unique (round, position) index never sees a clash.
  await transaction
    .update(commissioningIntentions)
    .set({ position: sql`-(${commissioningIntentions.position} - 1)` })
    .where(
      and(
        eq(commissioningIntentions.roundId, roundId),
        gt(commissioningIntentions.position, intention.position),
      ),
    );
  await transaction
    .update(commissioningIntentions)
    .set({ position: sql`-${commissioningIntentions.position}` })
    .where(
      and(eq(commissioningIntentions.roundId, roundId), lt(commissioningIntentions.position, 0)),
    );
}

/** Swaps two intentions' places, through a free position so the unique index holds throughout. */
export async function swapIntentionPositions(
  transaction: Transaction,
  first: { id: string; position: number },
  second: { id: string; position: number },
): Promise<void> {
  await updateIntention(transaction, first.id, { position: -1 });
  await updateIntention(transaction, second.id, { position: first.position });
  await updateIntention(transaction, first.id, { position: second.position });
}

export async function insertIntentionSource(
  transaction: Transaction,
  intentionId: string,
  priorityId: string,
): Promise<void> {
  await transaction
    .insert(intentionSources)
    .values({ intentionId, priorityId })
    .onConflictDoNothing();
}

export async function deleteIntentionSource(
  transaction: Transaction,
  intentionId: string,
  priorityId: string,
): Promise<void> {
  await transaction
    .delete(intentionSources)
    .where(
      and(
        eq(intentionSources.intentionId, intentionId),
        eq(intentionSources.priorityId, priorityId),
      ),
    );
}

export interface SpecificationChoice {
  versionId: string;
  title: string;
  version: number;
  serviceArea: string;
}

/** The approved specification versions an intention may use. */
export async function selectApprovedSpecificationVersions(
  reader: Reader,
): Promise<SpecificationChoice[]> {
  return reader
    .select({
      versionId: specificationVersions.id,
      title: specifications.title,
      version: specificationVersions.version,
      serviceArea: specifications.serviceArea,
    })
    .from(specificationVersions)
    .innerJoin(specifications, eq(specificationVersions.specificationId, specifications.id))
    .where(eq(specificationVersions.status, 'approved'))
    .orderBy(asc(specifications.title), asc(specificationVersions.version));
}

export interface QuestionRecord {
  id: string;
  title: string;
  status: string;
  outcome: string | null;
  outcomeSummary: string | null;
  decisionKind: string | null;
  closedAt: Date | null;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  agendaItemPosition: number;
  bodyId: string;
  bodyTitle: string;
}

/** A question of the decision machinery, with the meeting and body that decides it. */
export async function selectQuestion(
  reader: Reader,
  proposalId: string,
): Promise<QuestionRecord | undefined> {
  const [row] = await reader
    .select({
      id: proposals.id,
      title: proposals.title,
      status: proposals.status,
      outcome: proposals.outcome,
      outcomeSummary: proposals.outcomeSummary,
      decisionKind: proposals.decisionKind,
      closedAt: proposals.closedAt,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      agendaItemPosition: agendaItems.position,
      bodyId: bodies.id,
      bodyTitle: bodies.title,
    })
    .from(proposals)
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .innerJoin(meetings, eq(proposals.meetingId, meetings.id))
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(eq(proposals.id, proposalId));
  return row;
}

export interface PrimaryCareTrust {
  id: string;
  name: string;
  sectorName: string | null;
}

/** London's PCTs, by sector then name. */
export async function selectPrimaryCareTrusts(reader: Reader): Promise<PrimaryCareTrust[]> {
  return reader
    .select({ id: organisations.id, name: organisations.name, sectorName: sectors.name })
    .from(organisations)
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(eq(organisations.type, 'primary-care-trust'))
    .orderBy(asc(sectors.displayOrder), asc(organisations.name));
}

/** Whether the person holds a post at the organisation on the day. */
export async function holdsPostAt(
  reader: Reader,
  personId: string,
  organisationId: string,
  today: string,
): Promise<boolean> {
  const [row] = await reader
    .select({ id: posts.id })
    .from(posts)
    .where(
      and(
        eq(posts.personId, personId),
        eq(posts.organisationId, organisationId),
        sql`${posts.startsOn} <= ${today}`,
        sql`(${posts.endsOn} is null or ${posts.endsOn} >= ${today})`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** How many intentions a round has: the demo writes them only into a round that has none. */
export async function countIntentions(reader: Reader, roundId: string): Promise<number> {
  const [row] = await reader
    .select({ count: sql<number>`count(*)::int` })
    .from(commissioningIntentions)
    .where(eq(commissioningIntentions.roundId, roundId));
  return Number(row?.count ?? 0);
}
