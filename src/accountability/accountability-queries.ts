import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Reader, Transaction } from '../db/connection.ts';
import {
  briefingLinks,
  briefings,
  reviewCommissionDueChanges,
  reviewCommissions,
  reviewOutcomes,
} from '../db/schema/accountability.ts';
import { bodies } from '../db/schema/bodies.ts';
import { proposals } from '../db/schema/decisions.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { meetingPapers } from '../db/schema/papers.ts';
import { people } from '../db/schema/registry.ts';

// ---- Review commissions ----

export interface CommissionRecord {
  id: string;
  commissioningBodyId: string;
  commissioningBodySlug: string;
  commissioningBodyTitle: string;
  sectorBodyId: string;
  sectorBodySlug: string;
  sectorBodyTitle: string;
  title: string;
  terms: string;
  commissionedOn: string;
  minuteReference: string | null;
  dueOn: string;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
  createdAt: Date;
}

const commissioningBody = alias(bodies, 'commissioning_body');
const sectorBody = alias(bodies, 'sector_body');

const commissionColumns = {
  id: reviewCommissions.id,
  commissioningBodyId: reviewCommissions.commissioningBodyId,
  commissioningBodySlug: commissioningBody.slug,
  commissioningBodyTitle: commissioningBody.title,
  sectorBodyId: reviewCommissions.sectorBodyId,
  sectorBodySlug: sectorBody.slug,
  sectorBodyTitle: sectorBody.title,
  title: reviewCommissions.title,
  terms: reviewCommissions.terms,
  commissionedOn: reviewCommissions.commissionedOn,
  minuteReference: reviewCommissions.minuteReference,
  dueOn: reviewCommissions.dueOn,
  withdrawnOn: reviewCommissions.withdrawnOn,
  withdrawnReason: reviewCommissions.withdrawnReason,
  createdAt: reviewCommissions.createdAt,
};

function commissionQuery(reader: Reader) {
  return reader
    .select(commissionColumns)
    .from(reviewCommissions)
    .innerJoin(commissioningBody, eq(reviewCommissions.commissioningBodyId, commissioningBody.id))
    .innerJoin(sectorBody, eq(reviewCommissions.sectorBodyId, sectorBody.id));
}

export async function selectCommission(
  reader: Reader,
  id: string,
): Promise<CommissionRecord | undefined> {
  const [row] = await commissionQuery(reader).where(eq(reviewCommissions.id, id));
  return row;
}

/** One commission, locked for the rest of the transaction so two changes to it queue. */
export async function selectCommissionForUpdate(
  transaction: Transaction,
  id: string,
): Promise<CommissionRecord | undefined> {
  const [row] = await commissionQuery(transaction)
    .where(eq(reviewCommissions.id, id))
    .for('update', { of: reviewCommissions });
  return row;
}

/** The commissions a body gave or was tasked with, oldest first. */
export async function selectCommissionsOfBody(
  reader: Reader,
  bodyId: string,
): Promise<CommissionRecord[]> {
  return commissionQuery(reader)
    .where(
      or(
        eq(reviewCommissions.commissioningBodyId, bodyId),
        eq(reviewCommissions.sectorBodyId, bodyId),
      ),
    )
    .orderBy(asc(reviewCommissions.commissionedOn), asc(reviewCommissions.id));
}

export async function insertCommission(
  transaction: Transaction,
  row: typeof reviewCommissions.$inferInsert,
): Promise<void> {
  await transaction.insert(reviewCommissions).values(row);
}

export async function updateCommission(
  transaction: Transaction,
  id: string,
  changes: Partial<{ dueOn: string; withdrawnOn: string; withdrawnReason: string }>,
): Promise<void> {
  await transaction.update(reviewCommissions).set(changes).where(eq(reviewCommissions.id, id));
}

export interface DueChangeRecord {
  commissionId: string;
  previousDueOn: string;
  dueOn: string;
  reason: string;
  changedAt: Date;
}

export async function insertDueChange(
  transaction: Transaction,
  row: typeof reviewCommissionDueChanges.$inferInsert,
): Promise<void> {
  await transaction.insert(reviewCommissionDueChanges).values(row);
}

export async function selectDueChanges(
  reader: Reader,
  commissionIds: readonly string[],
): Promise<DueChangeRecord[]> {
  if (commissionIds.length === 0) return [];
  return reader
    .select({
      commissionId: reviewCommissionDueChanges.commissionId,
      previousDueOn: reviewCommissionDueChanges.previousDueOn,
      dueOn: reviewCommissionDueChanges.dueOn,
      reason: reviewCommissionDueChanges.reason,
      changedAt: reviewCommissionDueChanges.changedAt,
    })
    .from(reviewCommissionDueChanges)
    .where(inArray(reviewCommissionDueChanges.commissionId, [...commissionIds]))
    .orderBy(asc(reviewCommissionDueChanges.changedAt), asc(reviewCommissionDueChanges.id));
}

// ---- Outcomes ----

export interface OutcomeRecord {
  commissionId: string;
  version: number;
  summary: string;
  recommendations: string[];
  reportedOn: string;
  correctionReason: string | null;
  fileName: string;
  mediaType: string;
  byteLength: number;
  sha256: string;
  recordedAt: Date;
}

const outcomeColumns = {
  commissionId: reviewOutcomes.commissionId,
  version: reviewOutcomes.version,
  summary: reviewOutcomes.summary,
  recommendations: reviewOutcomes.recommendations,
  reportedOn: reviewOutcomes.reportedOn,
  correctionReason: reviewOutcomes.correctionReason,
  fileName: reviewOutcomes.fileName,
  mediaType: reviewOutcomes.mediaType,
  byteLength: reviewOutcomes.byteLength,
  sha256: reviewOutcomes.sha256,
  recordedAt: reviewOutcomes.recordedAt,
};

/** Every version of the outcomes of these commissions, oldest version first. */
export async function selectOutcomes(
  reader: Reader,
  commissionIds: readonly string[],
): Promise<OutcomeRecord[]> {
  if (commissionIds.length === 0) return [];
  return reader
    .select(outcomeColumns)
    .from(reviewOutcomes)
    .where(inArray(reviewOutcomes.commissionId, [...commissionIds]))
    .orderBy(asc(reviewOutcomes.commissionId), asc(reviewOutcomes.version));
}

export async function insertOutcome(
  transaction: Transaction,
  row: typeof reviewOutcomes.$inferInsert,
): Promise<void> {
  await transaction.insert(reviewOutcomes).values(row);
}

export async function selectOutcomeReport(
  reader: Reader,
  commissionId: string,
  version: number,
): Promise<{ fileName: string; mediaType: string; sha256: string; content: Buffer } | undefined> {
  const [row] = await reader
    .select({
      fileName: reviewOutcomes.fileName,
      mediaType: reviewOutcomes.mediaType,
      sha256: reviewOutcomes.sha256,
      content: reviewOutcomes.content,
    })
    .from(reviewOutcomes)
    .where(and(eq(reviewOutcomes.commissionId, commissionId), eq(reviewOutcomes.version, version)));
  return row;
}

// ---- Briefings ----

export interface BriefingRecord {
  id: string;
  dutyId: string;
  briefedOn: string;
  audience: string;
  reported: string;
  byPersonId: string;
  byPersonName: string;
  recordedAt: Date;
}

export async function selectBriefingsOfBody(
  reader: Reader,
  bodyId: string,
): Promise<BriefingRecord[]> {
  return reader
    .select({
      id: briefings.id,
      dutyId: briefings.dutyId,
      briefedOn: briefings.briefedOn,
      audience: briefings.audience,
      reported: briefings.reported,
      byPersonId: briefings.byPersonId,
      byPersonName: people.name,
      recordedAt: briefings.recordedAt,
    })
    .from(briefings)
    .innerJoin(people, eq(briefings.byPersonId, people.id))
    .where(eq(briefings.bodyId, bodyId))
    .orderBy(desc(briefings.briefedOn), desc(briefings.id));
}

/** The last date each of a body's briefing duties was met, by duty id. */
export async function selectLastBriefingDates(
  reader: Reader,
  bodyId: string,
): Promise<Map<string, string>> {
  const rows = await reader
    .select({ dutyId: briefings.dutyId, lastOn: sql<string>`max(${briefings.briefedOn})::text` })
    .from(briefings)
    .where(eq(briefings.bodyId, bodyId))
    .groupBy(briefings.dutyId);
  return new Map(rows.map((row) => [row.dutyId, row.lastOn]));
}

export async function insertBriefing(
  transaction: Transaction,
  row: typeof briefings.$inferInsert,
  links: { proposalId: string | null; paperId: string | null; id: string }[],
): Promise<void> {
  await transaction.insert(briefings).values(row);
  if (links.length > 0) {
    await transaction
      .insert(briefingLinks)
      .values(links.map((link) => ({ ...link, briefingId: row.id })));
  }
}

export interface CoveredItem {
  briefingId: string;
  kind: 'decision' | 'paper';
  id: string;
  title: string;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
}

/** The decisions and papers each briefing covered, with the meeting they belong to. */
export async function selectBriefingLinks(
  reader: Reader,
  briefingIds: readonly string[],
): Promise<CoveredItem[]> {
  if (briefingIds.length === 0) return [];
  const decisions = await reader
    .select({
      briefingId: briefingLinks.briefingId,
      id: proposals.id,
      title: proposals.title,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
    })
    .from(briefingLinks)
    .innerJoin(proposals, eq(briefingLinks.proposalId, proposals.id))
    .innerJoin(meetings, eq(proposals.meetingId, meetings.id))
    .where(inArray(briefingLinks.briefingId, [...briefingIds]))
    .orderBy(asc(meetings.startsAt), asc(proposals.title));
  const papers = await reader
    .select({
      briefingId: briefingLinks.briefingId,
      id: meetingPapers.id,
      title: meetingPapers.title,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
    })
    .from(briefingLinks)
    .innerJoin(meetingPapers, eq(briefingLinks.paperId, meetingPapers.id))
    .innerJoin(meetings, eq(meetingPapers.meetingId, meetings.id))
    .where(inArray(briefingLinks.briefingId, [...briefingIds]))
    .orderBy(asc(meetings.startsAt), asc(meetingPapers.title));
  return [
    ...decisions.map((row) => ({ ...row, kind: 'decision' as const })),
    ...papers.map((row) => ({ ...row, kind: 'paper' as const })),
  ];
}

export interface CoverableItem {
  kind: 'decision' | 'paper';
  id: string;
  title: string;
  bodyId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  /** Part II business: kept out of a briefing log the partnership reads. */
  isConfidential: boolean;
}

/**
 * The questions and papers these ids name, whichever body they belong to (the use case refuses
 * another body's), or every one of a body's when no ids are given, for the form's choices.
 */
export async function selectCoverableItems(
  reader: Reader,
  filter: { ids: readonly string[] } | { bodyId: string },
): Promise<CoverableItem[]> {
  if ('ids' in filter && filter.ids.length === 0) return [];
  const decisionWhere =
    'ids' in filter
      ? inArray(proposals.id, [...filter.ids])
      : and(eq(meetings.bodyId, filter.bodyId), inArray(proposals.status, ['open', 'closed']));
  const paperWhere =
    'ids' in filter
      ? inArray(meetingPapers.id, [...filter.ids])
      : eq(meetings.bodyId, filter.bodyId);
  const decisions = await reader
    .select({
      id: proposals.id,
      title: proposals.title,
      bodyId: meetings.bodyId,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      isConfidential: agendaItems.isConfidential,
    })
    .from(proposals)
    .innerJoin(meetings, eq(proposals.meetingId, meetings.id))
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .where(decisionWhere)
    .orderBy(desc(meetings.startsAt), asc(proposals.title));
  const papers = await reader
    .select({
      id: meetingPapers.id,
      title: meetingPapers.title,
      bodyId: meetings.bodyId,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      isConfidential: agendaItems.isConfidential,
    })
    .from(meetingPapers)
    .innerJoin(meetings, eq(meetingPapers.meetingId, meetings.id))
    .innerJoin(agendaItems, eq(meetingPapers.agendaItemId, agendaItems.id))
    .where(paperWhere)
    .orderBy(desc(meetings.startsAt), asc(meetingPapers.title));
  return [
    ...decisions.map((row) => ({ ...row, kind: 'decision' as const })),
    ...papers.map((row) => ({ ...row, kind: 'paper' as const })),
  ];
}

export async function countBriefings(reader: Reader, bodyId: string): Promise<number> {
  const [row] = await reader
    .select({ count: sql<number>`count(*)::int` })
    .from(briefings)
    .where(eq(briefings.bodyId, bodyId));
  return row?.count ?? 0;
}

export async function countCommissions(
  reader: Reader,
  commissioningBodyId: string,
): Promise<number> {
  const [row] = await reader
    .select({ count: sql<number>`count(*)::int` })
    .from(reviewCommissions)
    .where(eq(reviewCommissions.commissioningBodyId, commissioningBodyId));
  return row?.count ?? 0;
}
