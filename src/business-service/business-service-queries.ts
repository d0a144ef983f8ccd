/**
 * The SQL of business-service: its own tables, and the reads it joins from the registry (the
 * Business Service organisation, people and their posts), bodies and meetings (the group's
 * meetings a report may be presented at, and whether their notice has gone out).
 */
import { and, asc, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import {
  businessServiceFigures,
  businessServiceIndicators,
  businessServiceOfferings,
  businessServiceReports,
} from '../db/schema/business-service.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { meetingNotices } from '../db/schema/notices.ts';
import { organisations, people, posts } from '../db/schema/registry.ts';

export async function selectBusinessServiceOrganisation(reader: Reader) {
  const [row] = await reader
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.type, 'business-service'))
    .orderBy(asc(organisations.name))
    .limit(1);
  return row;
}

export async function selectBodyBySlug(reader: Reader, slug: string) {
  const [row] = await reader
    .select({ id: bodies.id, slug: bodies.slug, title: bodies.title })
    .from(bodies)
    .where(eq(bodies.slug, slug));
  return row;
}

export type OfferingRow = typeof businessServiceOfferings.$inferSelect;
export type IndicatorRow = typeof businessServiceIndicators.$inferSelect;
export type ReportRow = typeof businessServiceReports.$inferSelect;
export type FigureRow = typeof businessServiceFigures.$inferSelect;

export async function selectOfferings(reader: Reader, organisationId: string) {
  return reader
    .select()
    .from(businessServiceOfferings)
    .where(eq(businessServiceOfferings.organisationId, organisationId))
    .orderBy(asc(businessServiceOfferings.area), asc(businessServiceOfferings.name));
}

export async function selectOffering(reader: Reader, id: string) {
  const [row] = await reader
    .select()
    .from(businessServiceOfferings)
    .where(eq(businessServiceOfferings.id, id));
  return row;
}

export async function insertOffering(transaction: Transaction, row: OfferingRow) {
  await transaction.insert(businessServiceOfferings).values(row);
}

export async function selectIndicators(reader: Reader, organisationId: string) {
  return reader
    .select({ indicator: businessServiceIndicators, offeringName: businessServiceOfferings.name })
    .from(businessServiceIndicators)
    .innerJoin(
      businessServiceOfferings,
      eq(businessServiceIndicators.offeringId, businessServiceOfferings.id),
    )
    .where(eq(businessServiceOfferings.organisationId, organisationId))
    .orderBy(asc(businessServiceOfferings.name), asc(businessServiceIndicators.name));
}

export async function insertIndicator(transaction: Transaction, row: IndicatorRow) {
  await transaction.insert(businessServiceIndicators).values(row);
}

export async function selectReports(reader: Reader, organisationId: string) {
  return reader
    .select()
    .from(businessServiceReports)
    .where(eq(businessServiceReports.organisationId, organisationId))
    .orderBy(desc(businessServiceReports.startYear), desc(businessServiceReports.quarter));
}

export async function selectReport(reader: Reader, id: string, lock?: 'update') {
  const query = reader
    .select()
    .from(businessServiceReports)
    .where(eq(businessServiceReports.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertReport(transaction: Transaction, row: ReportRow, figures: FigureRow[]) {
  await transaction.insert(businessServiceReports).values(row);
  if (figures.length > 0) await transaction.insert(businessServiceFigures).values(figures);
}

export async function updateReport(
  transaction: Transaction,
  id: string,
  change: Partial<
    Pick<ReportRow, 'status' | 'meetingId' | 'agendaItemId' | 'conclusions' | 'concludedOn'>
  >,
) {
  await transaction
    .update(businessServiceReports)
    .set(change)
    .where(eq(businessServiceReports.id, id));
}

export async function selectFigures(reader: Reader, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return reader
    .select()
    .from(businessServiceFigures)
    .where(or(...reportIds.map((id) => eq(businessServiceFigures.reportId, id))) ?? sql`false`);
}

export interface MeetingChoice {
  id: string;
  bodyId: string;
  title: string;
  startsAt: Date;
  status: string;
  noticesSent: number;
}

const meetingColumns = {
  id: meetings.id,
  bodyId: meetings.bodyId,
  title: meetings.title,
  startsAt: meetings.startsAt,
  status: meetings.status,
  noticesSent: sql<number>`(select count(*)::int from ${meetingNotices} where ${meetingNotices.meetingId} = ${meetings.id})`,
};

export async function selectMeetingChoice(
  reader: Reader,
  meetingId: string,
): Promise<MeetingChoice | undefined> {
  const [row] = await reader
    .select(meetingColumns)
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  return row && { ...row, noticesSent: Number(row.noticesSent) };
}

/** The group's scheduled meetings still to come: where a report may be presented. */
export async function selectComingMeetings(
  reader: Reader,
  bodyId: string,
  now: Date,
): Promise<MeetingChoice[]> {
  const rows = await reader
    .select(meetingColumns)
    .from(meetings)
    .where(
      and(
        eq(meetings.bodyId, bodyId),
        eq(meetings.status, 'scheduled'),
        gt(meetings.startsAt, now),
      ),
    )
    .orderBy(asc(meetings.startsAt));
  return rows.map((row) => ({ ...row, noticesSent: Number(row.noticesSent) }));
}

export async function selectAgendaItemPosition(reader: Reader, agendaItemId: string) {
  const [row] = await reader
    .select({ position: agendaItems.position, title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.id, agendaItemId));
  return row;
}

/** People who may own an action arising: those with a post today, named with their post. */
export async function selectPeopleWithPosts(reader: Reader, today: string) {
  return reader
    .select({
      personId: people.id,
      name: people.name,
      title: posts.title,
      organisationName: organisations.name,
      organisationType: organisations.type,
    })
    .from(posts)
    .innerJoin(people, eq(posts.personId, people.id))
    .innerJoin(organisations, eq(posts.organisationId, organisations.id))
    .where(
      and(
        sql`${posts.startsOn} <= ${today}`,
        or(isNull(posts.endsOn), sql`${posts.endsOn} >= ${today}`),
      ),
    )
    .orderBy(asc(people.name));
}
