/**
 * Lead-commissioning's SQL: its own tables, and the joins it needs from others — the round (by
 * year), organisations (providers, PCTs and their sectors), the posts a person holds, and the
 * specification version an arrangement buys to.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { commissioningRounds } from '../db/schema/commissioning.ts';
import {
  arrangementAssociates,
  leadArrangements,
  negotiationIssues,
  negotiationSteps,
} from '../db/schema/lead-commissioning.ts';
import { organisations, posts, sectors } from '../db/schema/registry.ts';
import { specifications, specificationVersions } from '../db/schema/specifications.ts';

export interface RoundRecord {
  id: string;
  startYear: number;
}

/** The round commissioning for the financial year beginning in April of `startYear`. */
export async function selectRoundOfYear(
  reader: Reader,
  startYear: number,
): Promise<RoundRecord | undefined> {
  const [row] = await reader
    .select({ id: commissioningRounds.id, startYear: commissioningRounds.startYear })
    .from(commissioningRounds)
    .where(eq(commissioningRounds.startYear, startYear))
    .orderBy(asc(commissioningRounds.createdAt))
    .limit(1);
  return row;
}

export interface OrganisationFact {
  id: string;
  name: string;
  type: string;
  sectorId: string | null;
  sectorName: string | null;
  population: number | null;
}

const organisationFacts = {
  id: organisations.id,
  name: organisations.name,
  type: organisations.type,
  sectorId: organisations.sectorId,
  sectorName: sectors.name,
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
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(inArray(organisations.id, [...ids]));
}

/** The choices a form offers: providers (NHS trusts) and London's PCTs, by name. */
export async function selectOrganisationsOfTypes(
  reader: Reader,
  types: readonly string[],
): Promise<OrganisationFact[]> {
  return reader
    .select(organisationFacts)
    .from(organisations)
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(inArray(organisations.type, [...types]))
    .orderBy(asc(organisations.name));
}

/** The organisations at which the person holds a post on the date. */
export async function selectPostOrganisationIds(
  reader: Reader,
  personId: string,
  onDate: string,
): Promise<string[]> {
  const rows = await reader
    .selectDistinct({ organisationId: posts.organisationId })
    .from(posts)
    .where(
      and(
        eq(posts.personId, personId),
        lte(posts.startsOn, onDate),
        or(isNull(posts.endsOn), gte(posts.endsOn, onDate)),
      ),
    );
  return rows.map((row) => row.organisationId);
}

export async function selectSpecificationVersionTitle(
  reader: Reader,
  specificationVersionId: string,
): Promise<{ id: string; title: string; version: number } | undefined> {
  const [row] = await reader
    .select({
      id: specificationVersions.id,
      title: specifications.title,
      version: specificationVersions.version,
    })
    .from(specificationVersions)
    .innerJoin(specifications, eq(specificationVersions.specificationId, specifications.id))
    .where(eq(specificationVersions.id, specificationVersionId));
  return row;
}

export interface ArrangementRecord {
  id: string;
  roundId: string;
  roundStartYear: number;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  providerOrganisationId: string;
  service: string;
  specificationVersionId: string | null;
  leadOrganisationId: string;
  leadShareBasisPoints: number;
  stage: string;
  stageChangedOn: string;
  targetSignOn: string | null;
  createdAt: Date;
}

const arrangementColumns = {
  id: leadArrangements.id,
  roundId: leadArrangements.roundId,
  roundStartYear: commissioningRounds.startYear,
  bodyId: leadArrangements.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  providerOrganisationId: leadArrangements.providerOrganisationId,
  service: leadArrangements.service,
  specificationVersionId: leadArrangements.specificationVersionId,
  leadOrganisationId: leadArrangements.leadOrganisationId,
  leadShareBasisPoints: leadArrangements.leadShareBasisPoints,
  stage: leadArrangements.stage,
  stageChangedOn: leadArrangements.stageChangedOn,
  targetSignOn: leadArrangements.targetSignOn,
  createdAt: leadArrangements.createdAt,
};

function arrangementsQuery(reader: Reader) {
  return reader
    .select(arrangementColumns)
    .from(leadArrangements)
    .innerJoin(bodies, eq(leadArrangements.bodyId, bodies.id))
    .innerJoin(commissioningRounds, eq(leadArrangements.roundId, commissioningRounds.id));
}

export async function selectArrangement(
  reader: Reader,
  id: string,
): Promise<ArrangementRecord | undefined> {
  const [row] = await arrangementsQuery(reader).where(eq(leadArrangements.id, id));
  return row;
}

/** Every arrangement, or one local group's: latest round first. */
export async function selectArrangements(
  reader: Reader,
  filter: { bodyId?: string } = {},
): Promise<ArrangementRecord[]> {
  return arrangementsQuery(reader)
    .where(filter.bodyId ? eq(leadArrangements.bodyId, filter.bodyId) : undefined)
    .orderBy(
      desc(commissioningRounds.startYear),
      asc(bodies.title),
      asc(leadArrangements.service),
      asc(leadArrangements.id),
    );
}

/** Holds the arrangement for the transaction, so two writers never interleave its changes. */
export async function lockArrangement(transaction: Transaction, id: string): Promise<void> {
  await transaction
    .select({ id: leadArrangements.id })
    .from(leadArrangements)
    .where(eq(leadArrangements.id, id))
    .for('update');
}

export async function insertArrangement(
  transaction: Transaction,
  row: typeof leadArrangements.$inferInsert,
  associates: { organisationId: string; shareBasisPoints: number }[],
): Promise<void> {
  await transaction.insert(leadArrangements).values(row);
  await transaction
    .insert(arrangementAssociates)
    .values(associates.map((associate) => ({ ...associate, arrangementId: row.id })));
}

export async function selectAssociates(
  reader: Reader,
  arrangementIds: readonly string[],
): Promise<{ arrangementId: string; organisationId: string; shareBasisPoints: number }[]> {
  if (arrangementIds.length === 0) return [];
  return reader
    .select({
      arrangementId: arrangementAssociates.arrangementId,
      organisationId: arrangementAssociates.organisationId,
      shareBasisPoints: arrangementAssociates.shareBasisPoints,
    })
    .from(arrangementAssociates)
    .where(inArray(arrangementAssociates.arrangementId, [...arrangementIds]))
    .orderBy(desc(arrangementAssociates.shareBasisPoints));
}

export async function updateStage(
  transaction: Transaction,
  id: string,
  stage: string,
  changedOn: string,
): Promise<void> {
  await transaction
    .update(leadArrangements)
    .set({ stage, stageChangedOn: changedOn })
    .where(eq(leadArrangements.id, id));
}

export async function insertStep(
  transaction: Transaction,
  row: typeof negotiationSteps.$inferInsert,
): Promise<void> {
  await transaction.insert(negotiationSteps).values(row);
}

export async function selectSteps(reader: Reader, arrangementId: string) {
  return reader
    .select({
      id: negotiationSteps.id,
      stage: negotiationSteps.stage,
      happenedOn: negotiationSteps.happenedOn,
      note: negotiationSteps.note,
      recordedBy: negotiationSteps.recordedBy,
      recordedAt: negotiationSteps.recordedAt,
    })
    .from(negotiationSteps)
    .where(eq(negotiationSteps.arrangementId, arrangementId))
    .orderBy(asc(negotiationSteps.recordedAt), asc(negotiationSteps.id));
}

export async function insertIssue(
  transaction: Transaction,
  row: typeof negotiationIssues.$inferInsert,
): Promise<void> {
  await transaction.insert(negotiationIssues).values(row);
}

export async function resolveIssueRow(
  transaction: Transaction,
  id: string,
  resolvedOn: string,
  resolution: string,
): Promise<void> {
  await transaction
    .update(negotiationIssues)
    .set({ resolvedOn, resolution })
    .where(eq(negotiationIssues.id, id));
}

export interface IssueRecord {
  id: string;
  arrangementId: string;
  text: string;
  raisedOn: string;
  resolvedOn: string | null;
  resolution: string | null;
}

export async function selectIssue(reader: Reader, id: string): Promise<IssueRecord | undefined> {
  const [row] = await reader
    .select(issueColumns)
    .from(negotiationIssues)
    .where(eq(negotiationIssues.id, id));
  return row;
}

const issueColumns = {
  id: negotiationIssues.id,
  arrangementId: negotiationIssues.arrangementId,
  text: negotiationIssues.text,
  raisedOn: negotiationIssues.raisedOn,
  resolvedOn: negotiationIssues.resolvedOn,
  resolution: negotiationIssues.resolution,
};

export async function selectIssues(
  reader: Reader,
  arrangementIds: readonly string[],
): Promise<IssueRecord[]> {
  if (arrangementIds.length === 0) return [];
  return reader
    .select(issueColumns)
    .from(negotiationIssues)
    .where(inArray(negotiationIssues.arrangementId, [...arrangementIds]))
    .orderBy(asc(negotiationIssues.raisedOn), asc(negotiationIssues.id));
}

/** How many arrangements name the organisation as a provider: the demo adds providers once. */
export async function countArrangementsOfRound(reader: Reader, roundId: string): Promise<number> {
  const [row] = await reader
    .select({ n: sql<number>`count(*)::int` })
    .from(leadArrangements)
    .where(eq(leadArrangements.roundId, roundId));
  return row?.n ?? 0;
}

/** Every round, latest first: the choices the arrangement form offers. */
export async function selectRounds(reader: Reader): Promise<RoundRecord[]> {
  return reader
    .selectDistinct({ id: commissioningRounds.id, startYear: commissioningRounds.startYear })
    .from(commissioningRounds)
    .orderBy(desc(commissioningRounds.startYear), asc(commissioningRounds.id));
}
