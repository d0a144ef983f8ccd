/**
 * Procurement's SQL: its own tables, and the joins it needs from others — bodies (the body at
 * whose meetings a consortium votes), organisations (PCTs and providers), people (the register's
 * participants and conflicts) and the specification version a tender buys to.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import {
  consortiumMembers,
  procurementConsortia,
  tenderAwardQuestions,
  tenderBids,
  tenderSteps,
  tenders,
} from '../db/schema/procurement.ts';
import { organisations, people, posts } from '../db/schema/registry.ts';
import { specifications, specificationVersions } from '../db/schema/specifications.ts';
import type { TenderStage, VoteBase, VoteWeighting } from './procurement-rules.ts';

export interface OrganisationFact {
  id: string;
  name: string;
  type: string;
  population: number | null;
}

const organisationFacts = {
  id: organisations.id,
  name: organisations.name,
  type: organisations.type,
  population: organisations.population,
};

export async function selectOrganisationFacts(
  reader: Reader,
  ids: readonly string[],
): Promise<OrganisationFact[]> {
  if (ids.length === 0) return [];
  return reader
    .select(organisationFacts)
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
}

/** The choices a form offers: London's PCTs, or the providers, by name. */
export async function selectOrganisationsOfTypes(
  reader: Reader,
  types: readonly string[],
): Promise<OrganisationFact[]> {
  return reader
    .select(organisationFacts)
    .from(organisations)
    .where(inArray(organisations.type, [...types]))
    .orderBy(asc(organisations.name));
}

export async function selectPeopleNames(
  reader: Reader,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return reader
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, [...ids]));
}

/** Everyone in the registry, by name: the register form's choices. */
export async function selectAllPeople(reader: Reader): Promise<{ id: string; name: string }[]> {
  return reader
    .select({ id: people.id, name: people.name })
    .from(people)
    .orderBy(asc(people.name), asc(people.id));
}

export async function selectSpecificationVersionLabel(
  reader: Reader,
  versionId: string,
): Promise<{ id: string; title: string; version: number; status: string } | undefined> {
  const [row] = await reader
    .select({
      id: specificationVersions.id,
      title: specifications.title,
      version: specificationVersions.version,
      status: specificationVersions.status,
    })
    .from(specificationVersions)
    .innerJoin(specifications, eq(specificationVersions.specificationId, specifications.id))
    .where(eq(specificationVersions.id, versionId));
  return row;
}

export interface ConsortiumRecord {
  id: string;
  name: string;
  portfolio: string;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  inceptedOn: string;
  shareBasis: string;
  voteBase: VoteBase;
  voteWeighting: VoteWeighting;
  recordedBy: string;
  createdAt: Date;
}

const consortiumColumns = {
  id: procurementConsortia.id,
  name: procurementConsortia.name,
  portfolio: procurementConsortia.portfolio,
  bodyId: procurementConsortia.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  inceptedOn: procurementConsortia.inceptedOn,
  shareBasis: procurementConsortia.shareBasis,
  voteBase: procurementConsortia.voteBase,
  voteWeighting: procurementConsortia.voteWeighting,
  recordedBy: procurementConsortia.recordedBy,
  createdAt: procurementConsortia.createdAt,
};

function consortiaQuery(reader: Reader) {
  return reader
    .select(consortiumColumns)
    .from(procurementConsortia)
    .innerJoin(bodies, eq(procurementConsortia.bodyId, bodies.id));
}

export async function selectConsortium(
  reader: Reader,
  id: string,
): Promise<ConsortiumRecord | undefined> {
  const [row] = await consortiaQuery(reader).where(eq(procurementConsortia.id, id));
  return row as ConsortiumRecord | undefined;
}

export async function selectConsortia(reader: Reader): Promise<ConsortiumRecord[]> {
  return (await consortiaQuery(reader).orderBy(
    desc(procurementConsortia.inceptedOn),
    asc(procurementConsortia.name),
  )) as ConsortiumRecord[];
}

export async function insertConsortium(
  transaction: Transaction,
  row: typeof procurementConsortia.$inferInsert,
  members: { organisationId: string; shareBasisPoints: number }[],
): Promise<void> {
  await transaction.insert(procurementConsortia).values(row);
  await transaction
    .insert(consortiumMembers)
    .values(members.map((member) => ({ ...member, consortiumId: row.id })));
}

export interface MemberRecord {
  consortiumId: string;
  organisationId: string;
  name: string;
  shareBasisPoints: number;
}

export async function selectMembers(
  reader: Reader,
  consortiumIds: readonly string[],
): Promise<MemberRecord[]> {
  if (consortiumIds.length === 0) return [];
  return reader
    .select({
      consortiumId: consortiumMembers.consortiumId,
      organisationId: consortiumMembers.organisationId,
      name: organisations.name,
      shareBasisPoints: consortiumMembers.shareBasisPoints,
    })
    .from(consortiumMembers)
    .innerJoin(organisations, eq(consortiumMembers.organisationId, organisations.id))
    .where(inArray(consortiumMembers.consortiumId, [...consortiumIds]))
    .orderBy(desc(consortiumMembers.shareBasisPoints), asc(organisations.name));
}

export interface TenderRecord {
  id: string;
  consortiumId: string;
  title: string;
  service: string;
  specificationVersionId: string;
  stage: TenderStage;
  openedOn: string;
  recommendedBidId: string | null;
  recommendationReason: string | null;
  evaluatedOn: string | null;
  awardedBidId: string | null;
  awardedOn: string | null;
  createdAt: Date;
}

const tenderColumns = {
  id: tenders.id,
  consortiumId: tenders.consortiumId,
  title: tenders.title,
  service: tenders.service,
  specificationVersionId: tenders.specificationVersionId,
  stage: tenders.stage,
  openedOn: tenders.openedOn,
  recommendedBidId: tenders.recommendedBidId,
  recommendationReason: tenders.recommendationReason,
  evaluatedOn: tenders.evaluatedOn,
  awardedBidId: tenders.awardedBidId,
  awardedOn: tenders.awardedOn,
  createdAt: tenders.createdAt,
};

export async function selectTender(reader: Reader, id: string): Promise<TenderRecord | undefined> {
  const [row] = await reader.select(tenderColumns).from(tenders).where(eq(tenders.id, id));
  return row as TenderRecord | undefined;
}

export async function selectTenders(
  reader: Reader,
  filter: { consortiumId?: string } = {},
): Promise<TenderRecord[]> {
  return (await reader
    .select(tenderColumns)
    .from(tenders)
    .where(filter.consortiumId ? eq(tenders.consortiumId, filter.consortiumId) : undefined)
    .orderBy(desc(tenders.openedOn), asc(tenders.title))) as TenderRecord[];
}

/** Holds the tender for the transaction, so two writers never interleave its changes. */
export async function lockTender(transaction: Transaction, id: string): Promise<TenderRecord> {
  const [row] = await transaction
    .select(tenderColumns)
    .from(tenders)
    .where(eq(tenders.id, id))
    .for('update');
  if (!row) throw new Error(`tender ${id} vanished`);
  return row as TenderRecord;
}

export async function insertTender(
  transaction: Transaction,
  row: typeof tenders.$inferInsert,
): Promise<void> {
  await transaction.insert(tenders).values(row);
}

export async function updateTender(
  transaction: Transaction,
  id: string,
  changes: Partial<typeof tenders.$inferInsert>,
): Promise<void> {
  await transaction.update(tenders).set(changes).where(eq(tenders.id, id));
}

export async function insertTenderStep(
  transaction: Transaction,
  row: typeof tenderSteps.$inferInsert,
): Promise<void> {
  await transaction.insert(tenderSteps).values(row);
}

export async function selectTenderSteps(reader: Reader, tenderId: string) {
  return reader
    .select({
      stage: tenderSteps.stage,
      happenedOn: tenderSteps.happenedOn,
      note: tenderSteps.note,
      recordedBy: tenderSteps.recordedBy,
    })
    .from(tenderSteps)
    .where(eq(tenderSteps.tenderId, tenderId))
    .orderBy(asc(tenderSteps.recordedAt), asc(tenderSteps.id));
}

export interface BidRecord {
  id: string;
  tenderId: string;
  providerOrganisationId: string;
  providerName: string;
  pricePence: number;
  receivedOn: string;
  qualityScore: number | null;
  priceScore: number | null;
  totalScore: number | null;
  recordedBy: string;
}

export async function selectBids(reader: Reader, tenderId: string): Promise<BidRecord[]> {
  return reader
    .select({
      id: tenderBids.id,
      tenderId: tenderBids.tenderId,
      providerOrganisationId: tenderBids.providerOrganisationId,
      providerName: organisations.name,
      pricePence: tenderBids.pricePence,
      receivedOn: tenderBids.receivedOn,
      qualityScore: tenderBids.qualityScore,
      priceScore: tenderBids.priceScore,
      totalScore: tenderBids.totalScore,
      recordedBy: tenderBids.recordedBy,
    })
    .from(tenderBids)
    .innerJoin(organisations, eq(tenderBids.providerOrganisationId, organisations.id))
    .where(eq(tenderBids.tenderId, tenderId))
    .orderBy(asc(tenderBids.receivedOn), asc(organisations.name));
}

export async function insertBid(
  transaction: Transaction,
  row: typeof tenderBids.$inferInsert,
): Promise<void> {
  await transaction.insert(tenderBids).values(row);
}

export async function scoreBid(
  transaction: Transaction,
  bidId: string,
  qualityScore: number,
  priceScore: number,
): Promise<void> {
  await transaction
    .update(tenderBids)
    .set({ qualityScore, priceScore })
    .where(eq(tenderBids.id, bidId));
}

export interface AwardQuestionRecord {
  id: string;
  tenderId: string;
  bidId: string;
  meetingId: string;
  agendaItemId: string;
  proposalId: string;
  putOn: string;
  outcome: 'carried' | 'not-carried' | 'withdrawn' | null;
  outcomeRecordedOn: string | null;
}

export async function selectAwardQuestions(
  reader: Reader,
  tenderId: string,
): Promise<AwardQuestionRecord[]> {
  return (await reader
    .select()
    .from(tenderAwardQuestions)
    .where(eq(tenderAwardQuestions.tenderId, tenderId))
    .orderBy(
      asc(tenderAwardQuestions.putOn),
      asc(tenderAwardQuestions.id),
    )) as AwardQuestionRecord[];
}

export async function selectOpenAwardQuestion(
  reader: Reader,
  tenderId: string,
): Promise<AwardQuestionRecord | undefined> {
  const [row] = await reader
    .select()
    .from(tenderAwardQuestions)
    .where(and(eq(tenderAwardQuestions.tenderId, tenderId), isNull(tenderAwardQuestions.outcome)));
  return row as AwardQuestionRecord | undefined;
}

export async function insertAwardQuestion(
  transaction: Transaction,
  row: typeof tenderAwardQuestions.$inferInsert,
): Promise<void> {
  await transaction.insert(tenderAwardQuestions).values(row);
}

export async function recordAwardOutcome(
  transaction: Transaction,
  id: string,
  outcome: 'carried' | 'not-carried' | 'withdrawn',
  recordedOn: string,
): Promise<void> {
  await transaction
    .update(tenderAwardQuestions)
    .set({ outcome, outcomeRecordedOn: recordedOn })
    .where(eq(tenderAwardQuestions.id, id));
}

/** The people holding a current chief executive's post at each organisation, for the demo. */
export async function selectChiefExecutives(
  reader: Reader,
  organisationIds: readonly string[],
  onDate: string,
): Promise<{ organisationId: string; personId: string; name: string }[]> {
  if (organisationIds.length === 0) return [];
  return reader
    .select({ organisationId: posts.organisationId, personId: people.id, name: people.name })
    .from(posts)
    .innerJoin(people, eq(posts.personId, people.id))
    .where(
      and(
        inArray(posts.organisationId, [...organisationIds]),
        eq(posts.role, 'chief-executive'),
        sql`${posts.startsOn} <= ${onDate}`,
        sql`(${posts.endsOn} is null or ${posts.endsOn} >= ${onDate})`,
      ),
    )
    .orderBy(asc(people.name));
}

export async function countConsortia(reader: Reader): Promise<number> {
  const [row] = await reader.select({ n: sql<number>`count(*)::int` }).from(procurementConsortia);
  return row?.n ?? 0;
}
