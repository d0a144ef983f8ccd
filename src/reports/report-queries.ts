/**
 * The reads and writes of reports: the record's facts a report is generated from (meetings held,
 * attendance, questions closed, disputes, review calls) and the reports and distributions kept.
 */
import { and, asc, desc, eq, inArray, isNull, lte, max, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies, reviewCalls } from '../db/schema/bodies.ts';
import { proposals } from '../db/schema/decisions.ts';
import { disputeSteps, disputes } from '../db/schema/disputes.ts';
import { agendaItems, attendanceRecords, meetings } from '../db/schema/meetings.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import { organisations, people, sectors } from '../db/schema/registry.ts';
import { bodyReportDistributions, bodyReports } from '../db/schema/reports.ts';
import type { AttendanceFact } from './report-rules.ts';

export async function selectMeetingsOfBodyWithStatus(reader: Reader, bodyId: string) {
  return reader
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      status: meetings.status,
    })
    .from(meetings)
    .where(eq(meetings.bodyId, bodyId))
    .orderBy(asc(meetings.startsAt));
}

export async function selectAttendance(
  reader: Reader,
  meetingIds: readonly string[],
): Promise<AttendanceFact[]> {
  if (meetingIds.length === 0) return [];
  const rows = await reader
    .select({
      meetingId: attendanceRecords.meetingId,
      seatHoldingId: attendanceRecords.seatHoldingId,
      status: attendanceRecords.status,
    })
    .from(attendanceRecords)
    .where(inArray(attendanceRecords.meetingId, [...meetingIds]));
  return rows as AttendanceFact[];
}

/** Every seat holding of the body with its holder, organisation and sector. */
export async function selectHoldingsOfBody(reader: Reader, bodyId: string) {
  return reader
    .select({
      id: seatHoldings.id,
      seatRole: seatHoldings.seatRole,
      personName: people.name,
      organisationName: organisations.name,
      sectorName: sectors.name,
      startsOn: seatHoldings.startsOn,
      endsOn: seatHoldings.endsOn,
    })
    .from(seatHoldings)
    .innerJoin(people, eq(people.id, seatHoldings.personId))
    .leftJoin(organisations, eq(organisations.id, seatHoldings.organisationId))
    .leftJoin(sectors, eq(sectors.id, organisations.sectorId))
    .where(eq(seatHoldings.bodyId, bodyId));
}

/** The questions the body's meetings closed, with whether their item was Part II. */
export async function selectClosedQuestions(reader: Reader, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return reader
    .select({
      id: proposals.id,
      title: proposals.title,
      meetingId: proposals.meetingId,
      decisionKind: proposals.decisionKind,
      closedAt: proposals.closedAt,
      outcome: proposals.outcome,
      outcomeSummary: proposals.outcomeSummary,
      result: proposals.result,
      isConfidential: agendaItems.isConfidential,
    })
    .from(proposals)
    .innerJoin(agendaItems, eq(agendaItems.id, proposals.agendaItemId))
    .where(and(inArray(proposals.meetingId, [...meetingIds]), eq(proposals.status, 'closed')))
    .orderBy(asc(proposals.closedAt));
}

/** The body's disputes raised by a date, with every step taken (the caller cuts at the date). */
export async function selectDisputesOfBody(reader: Reader, bodyId: string, to: string) {
  const rows = await reader
    .select({
      id: disputes.id,
      title: disputes.title,
      category: disputes.category,
      raisedOn: disputes.raisedOn,
      status: disputes.status,
    })
    .from(disputes)
    .where(and(eq(disputes.bodyId, bodyId), lte(disputes.raisedOn, to)))
    .orderBy(asc(disputes.raisedOn));
  const steps =
    rows.length === 0
      ? []
      : await reader
          .select({
            disputeId: disputeSteps.disputeId,
            stepId: disputeSteps.stepId,
            takenOn: disputeSteps.takenOn,
            outcome: disputeSteps.outcome,
          })
          .from(disputeSteps)
          .where(
            and(
              inArray(
                disputeSteps.disputeId,
                rows.map((row) => row.id),
              ),
            ),
          )
          .orderBy(asc(disputeSteps.position));
  return rows.map((row) => ({
    ...row,
    steps: steps.filter((step) => step.disputeId === row.id),
  }));
}

export async function selectReviewCalls(reader: Reader, bodyId: string, to: string) {
  return reader
    .select({
      calledByName: reviewCalls.calledByName,
      calledOn: reviewCalls.calledOn,
      reason: reviewCalls.reason,
      reference: reviewCalls.reference,
    })
    .from(reviewCalls)
    .where(and(eq(reviewCalls.bodyId, bodyId), lte(reviewCalls.calledOn, to)))
    .orderBy(asc(reviewCalls.calledOn));
}

// ── Reports and their distributions ──

export type BodyReportRow = typeof bodyReports.$inferSelect;

export async function selectLatestVersion(
  reader: Reader,
  report: { bodyId: string; kind: string; periodFrom: string; periodTo: string },
): Promise<number> {
  const [row] = await reader
    .select({ version: max(bodyReports.version) })
    .from(bodyReports)
    .where(
      and(
        eq(bodyReports.bodyId, report.bodyId),
        eq(bodyReports.kind, report.kind),
        eq(bodyReports.periodFrom, report.periodFrom),
        eq(bodyReports.periodTo, report.periodTo),
      ),
    );
  return row?.version ?? 0;
}

/** Locks the body's row, so two reports of one period cannot take the same version number. */
export async function lockBodyForReporting(transaction: Transaction, bodyId: string) {
  await transaction
    .select({ id: bodies.id })
    .from(bodies)
    .where(eq(bodies.id, bodyId))
    .for('update');
}

/** Every version of a report's period, oldest first, for the page's "other versions". */
export async function selectVersionsOfPeriod(
  reader: Reader,
  report: { bodyId: string; kind: string; periodFrom: string; periodTo: string },
) {
  return reader
    .select({
      id: bodyReports.id,
      version: bodyReports.version,
      reason: bodyReports.reason,
      generatedAt: bodyReports.generatedAt,
      distributedAt: bodyReports.distributedAt,
    })
    .from(bodyReports)
    .where(
      and(
        eq(bodyReports.bodyId, report.bodyId),
        eq(bodyReports.kind, report.kind),
        eq(bodyReports.periodFrom, report.periodFrom),
        eq(bodyReports.periodTo, report.periodTo),
      ),
    )
    .orderBy(asc(bodyReports.version));
}

export async function insertReport(
  transaction: Transaction,
  row: typeof bodyReports.$inferInsert,
): Promise<void> {
  await transaction.insert(bodyReports).values(row);
}

export async function selectReport(reader: Reader, reportId: string) {
  const [row] = await reader.select().from(bodyReports).where(eq(bodyReports.id, reportId));
  return row;
}

/** A report's row locked for its distribution, so two distributions cannot both start. */
export async function lockReport(transaction: Transaction, reportId: string) {
  const [row] = await transaction
    .select()
    .from(bodyReports)
    .where(eq(bodyReports.id, reportId))
    .for('update');
  return row;
}

export async function selectReportsOfBody(reader: Reader, bodyId: string) {
  return reader
    .select({
      id: bodyReports.id,
      kind: bodyReports.kind,
      periodFrom: bodyReports.periodFrom,
      periodTo: bodyReports.periodTo,
      version: bodyReports.version,
      generatedAt: bodyReports.generatedAt,
      generatedByName: bodyReports.generatedByName,
      distributedAt: bodyReports.distributedAt,
    })
    .from(bodyReports)
    .where(eq(bodyReports.bodyId, bodyId))
    .orderBy(desc(bodyReports.periodTo), asc(bodyReports.kind), desc(bodyReports.version));
}

/**
 * Of each kind of report of a body, the end of the latest period covered by a version that was
 * distributed: a report meets the duty for the period it covers (decision 075), so an old report
 * sent late does not count as this quarter's.
 */
export async function selectLastReportedPeriods(
  reader: Reader,
  bodyId: string,
): Promise<Map<string, string>> {
  const rows = await reader
    .select({ kind: bodyReports.kind, periodTo: max(bodyReports.periodTo) })
    .from(bodyReports)
    .where(and(eq(bodyReports.bodyId, bodyId), sql`${bodyReports.distributedAt} is not null`))
    .groupBy(bodyReports.kind);
  return new Map(
    rows.flatMap((row) => (row.periodTo ? [[row.kind, String(row.periodTo)] as const] : [])),
  );
}

export async function markDistributed(transaction: Transaction, reportId: string, at: Date) {
  await transaction
    .update(bodyReports)
    .set({ distributedAt: at })
    .where(eq(bodyReports.id, reportId));
}

export async function insertReportDistributions(
  transaction: Transaction,
  rows: (typeof bodyReportDistributions.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await transaction.insert(bodyReportDistributions).values(rows);
}

export async function selectDistributionsOf(reader: Reader, reportId: string) {
  return reader
    .select({
      organisationName: organisations.name,
      mailed: sql<boolean>`${bodyReportDistributions.mailId} is not null`,
      receivedAt: bodyReportDistributions.receivedAt,
    })
    .from(bodyReportDistributions)
    .innerJoin(organisations, eq(organisations.id, bodyReportDistributions.organisationId))
    .where(eq(bodyReportDistributions.reportId, reportId))
    .orderBy(asc(organisations.name));
}

export async function selectReportReceipt(reader: Reader, tokenHash: string) {
  const [row] = await reader
    .select({
      distributionId: bodyReportDistributions.id,
      reportId: bodyReportDistributions.reportId,
      organisationId: bodyReportDistributions.organisationId,
      organisationName: organisations.name,
      receivedAt: bodyReportDistributions.receivedAt,
    })
    .from(bodyReportDistributions)
    .innerJoin(organisations, eq(organisations.id, bodyReportDistributions.organisationId))
    .where(eq(bodyReportDistributions.receiptTokenHash, tokenHash));
  return row;
}

/** Marks a distribution received, once: true when this call recorded it. */
export async function markReportReceived(
  transaction: Transaction,
  distributionId: string,
  at: Date,
): Promise<boolean> {
  const updated = await transaction
    .update(bodyReportDistributions)
    .set({ receivedAt: at })
    .where(
      and(
        eq(bodyReportDistributions.id, distributionId),
        isNull(bodyReportDistributions.receivedAt),
      ),
    )
    .returning({ id: bodyReportDistributions.id });
  return updated.length > 0;
}

export async function hasAnyReport(reader: Reader): Promise<boolean> {
  const rows = await reader.select({ id: bodyReports.id }).from(bodyReports).limit(1);
  return rows.length > 0;
}
