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
  collaborativeForums,
  leadArrangements,
  negotiationIssues,
  negotiationSteps,
  proposedActionResponses,
  proposedActions,
} from '../db/schema/lead-commissioning.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
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

export interface ActionRecord {
  id: string;
  arrangementId: string;
  text: string;
  proposedOn: string;
  respondBy: string;
  status: string;
  proposedBy: string;
}

const actionColumns = {
  id: proposedActions.id,
  arrangementId: proposedActions.arrangementId,
  text: proposedActions.text,
  proposedOn: proposedActions.proposedOn,
  respondBy: proposedActions.respondBy,
  status: proposedActions.status,
  proposedBy: proposedActions.proposedBy,
};

export async function insertProposedAction(
  transaction: Transaction,
  row: typeof proposedActions.$inferInsert,
): Promise<void> {
  await transaction.insert(proposedActions).values(row);
}

export async function selectProposedAction(
  reader: Reader,
  id: string,
): Promise<ActionRecord | undefined> {
  const [row] = await reader
    .select(actionColumns)
    .from(proposedActions)
    .where(eq(proposedActions.id, id));
  return row;
}

export async function selectProposedActions(
  reader: Reader,
  arrangementIds: readonly string[],
): Promise<ActionRecord[]> {
  if (arrangementIds.length === 0) return [];
  return reader
    .select(actionColumns)
    .from(proposedActions)
    .where(inArray(proposedActions.arrangementId, [...arrangementIds]))
    .orderBy(asc(proposedActions.proposedOn), asc(proposedActions.id));
}

export async function updateActionStatus(
  transaction: Transaction,
  id: string,
  status: string,
): Promise<void> {
  await transaction.update(proposedActions).set({ status }).where(eq(proposedActions.id, id));
}

export interface ResponseRecord {
  proposedActionId: string;
  organisationId: string;
  response: 'approve' | 'reject';
  reason: string | null;
  respondedBy: string;
  respondedAt: Date;
}

export async function insertResponse(
  transaction: Transaction,
  row: typeof proposedActionResponses.$inferInsert,
): Promise<void> {
  await transaction.insert(proposedActionResponses).values(row);
}

export async function selectResponses(
  reader: Reader,
  actionIds: readonly string[],
): Promise<ResponseRecord[]> {
  if (actionIds.length === 0) return [];
  const rows = await reader
    .select({
      proposedActionId: proposedActionResponses.proposedActionId,
      organisationId: proposedActionResponses.organisationId,
      response: proposedActionResponses.response,
      reason: proposedActionResponses.reason,
      respondedBy: proposedActionResponses.respondedBy,
      respondedAt: proposedActionResponses.respondedAt,
    })
    .from(proposedActionResponses)
    .where(inArray(proposedActionResponses.proposedActionId, [...actionIds]))
    .orderBy(asc(proposedActionResponses.respondedAt));
  return rows.map((row) => ({
    ...row,
    response: row.response === 'reject' ? 'reject' : 'approve',
  }));
}

export interface ForumRecord {
  id: string;
  proposedActionId: string;
  bodyId: string;
  meetingId: string | null;
  meetingTitle: string | null;
  meetingStartsAt: Date | null;
  agendaItemId: string | null;
  agendaPosition: number | null;
  calledAt: Date;
}

export async function insertForum(
  transaction: Transaction,
  row: typeof collaborativeForums.$inferInsert,
): Promise<void> {
  await transaction.insert(collaborativeForums).values(row);
}

export async function placeForumRow(
  transaction: Transaction,
  id: string,
  meetingId: string,
  agendaItemId: string,
): Promise<void> {
  await transaction
    .update(collaborativeForums)
    .set({ meetingId, agendaItemId })
    .where(eq(collaborativeForums.id, id));
}

/** Holds a waiting forum for the transaction, so it is placed on one agenda only. */
export async function lockForum(transaction: Transaction, id: string): Promise<void> {
  await transaction
    .select({ id: collaborativeForums.id })
    .from(collaborativeForums)
    .where(eq(collaborativeForums.id, id))
    .for('update');
}

function forumsQuery(reader: Reader) {
  return reader
    .select({
      id: collaborativeForums.id,
      proposedActionId: collaborativeForums.proposedActionId,
      bodyId: collaborativeForums.bodyId,
      meetingId: collaborativeForums.meetingId,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      agendaItemId: collaborativeForums.agendaItemId,
      agendaPosition: agendaItems.position,
      calledAt: collaborativeForums.calledAt,
    })
    .from(collaborativeForums)
    .leftJoin(meetings, eq(collaborativeForums.meetingId, meetings.id))
    .leftJoin(agendaItems, eq(collaborativeForums.agendaItemId, agendaItems.id));
}

export async function selectForum(reader: Reader, id: string): Promise<ForumRecord | undefined> {
  const [row] = await forumsQuery(reader).where(eq(collaborativeForums.id, id));
  return row;
}

export async function selectForums(
  reader: Reader,
  actionIds: readonly string[],
): Promise<ForumRecord[]> {
  if (actionIds.length === 0) return [];
  return forumsQuery(reader)
    .where(inArray(collaborativeForums.proposedActionId, [...actionIds]))
    .orderBy(asc(collaborativeForums.calledAt));
}

/** Forums a body called that wait for a meeting to be placed on. */
export async function selectWaitingForums(reader: Reader, bodyId: string): Promise<ForumRecord[]> {
  return forumsQuery(reader)
    .where(and(eq(collaborativeForums.bodyId, bodyId), isNull(collaborativeForums.agendaItemId)))
    .orderBy(asc(collaborativeForums.calledAt));
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
