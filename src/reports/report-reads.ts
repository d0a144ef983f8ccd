/**
 * The reads of reports: a body's reports with the form's suggested periods, one report as its
 * page shows it (figures, charts, who it went to and who confirmed receipt), and a receipt link's
 * report. A report is published when it is distributed: until then only those who prepare the
 * body's reports read it (decision 075); afterwards anyone may. Who has confirmed receipt is shown
 * to those who prepare them, and to everyone as a count.
 */
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { loadReportReceipt } from './distribute-report.ts';
import { preparesReports } from './generate-report.ts';
import { attendanceBySectorSvg, ragByMonthSvg } from './report-charts.ts';
import type { ReportFigures } from './report-figures.ts';
import {
  type BodyReportRow,
  selectDistributionsOf,
  selectReport,
  selectReportsOfBody,
  selectVersionsOfPeriod,
} from './report-queries.ts';
import {
  dutyKindOf,
  financialYearOf,
  quarterOf,
  type ReportKind,
  reportKinds,
  reportKindText,
} from './report-rules.ts';

export interface ReportSummary {
  id: string;
  kindText: string;
  periodFrom: string;
  periodTo: string;
  version: number;
  generatedOn: string;
  generatedBy: string;
  distributedOn: string | null;
}

function lastEnded(period: (date: string) => { from: string; to: string }, today: string) {
  const current = period(today);
  if (current.to <= today) return current;
  const dayBefore = new Date(Date.parse(`${current.from}T12:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  return period(dayBefore);
}

export async function listReports(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
}) {
  const body = await loadBody(options.db, options.slug);
  const prepares = preparesReports(options.actor, body.slug);
  const rows = (await selectReportsOfBody(options.db, body.id)).filter(
    (row) => prepares || row.distributedAt !== null,
  );
  const today = londonDate(options.now);
  const terms = await termsInForce(options.db, body.id, today);
  return {
    body: { slug: body.slug, title: body.title },
    today,
    // The kinds of report the terms in force name a duty for: only those can be generated.
    kinds: reportKinds
      .filter((kind) => terms?.reporting?.some((duty) => duty.report === dutyKindOf[kind]))
      .map((kind) => ({ value: kind, text: reportKindText[kind] })),
    reports: rows.map(
      (row): ReportSummary => ({
        id: row.id,
        kindText: reportKindText[row.kind as ReportKind],
        periodFrom: row.periodFrom,
        periodTo: row.periodTo,
        version: row.version,
        generatedOn: londonDate(row.generatedAt),
        generatedBy: row.generatedByName,
        distributedOn: row.distributedAt ? londonDate(row.distributedAt) : null,
      }),
    ),
    mayReport: prepares,
    // The form suggests the last quarter and the last financial year that have ended.
    suggested: {
      quarter: lastEnded(quarterOf, today),
      year: lastEnded(financialYearOf, today),
    },
  };
}

export async function getReport(options: { db: Database; actor: Actor; reportId: string }) {
  const row = await selectReport(options.db, options.reportId);
  if (!row) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Report not found',
      detail: 'There is no such report. It may have been linked wrongly.',
    });
  }
  const figures = row.figures as ReportFigures;
  const mayReport = preparesReports(options.actor, figures.body.slug);
  if (!row.distributedAt && !mayReport) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Report not found',
      detail: `This report has not been sent to the boards yet. Until it is, only the secretariat and programme office of ${figures.body.title} can read it.`,
    });
  }
  const [distributions, versions] = await Promise.all([
    selectDistributionsOf(options.db, row.id),
    selectVersionsOfPeriod(options.db, row),
  ]);
  return {
    id: row.id,
    kind: row.kind as ReportKind,
    kindText: reportKindText[row.kind as ReportKind],
    version: row.version,
    reason: row.reason,
    // Every version of the same period, for "other versions"; unsent ones only for those who prepare.
    versions: versions
      .filter((each) => mayReport || each.distributedAt !== null)
      .map((each) => ({
        id: each.id,
        version: each.version,
        reason: each.reason,
        generatedOn: londonDate(each.generatedAt),
        distributedOn: each.distributedAt ? londonDate(each.distributedAt) : null,
        isThis: each.id === row.id,
      })),
    generatedOn: londonDate(row.generatedAt),
    generatedBy: row.generatedByName,
    distributedOn: row.distributedAt ? londonDate(row.distributedAt) : null,
    figures,
    charts: {
      attendanceBySector: figures.attendance.bySector.length
        ? attendanceBySectorSvg(figures.attendance.bySector)
        : null,
      ragByMonth: figures.programmes.map((programme, index) =>
        ragByMonthSvg({
          id: `rag-by-month-${index + 1}`,
          title: `${programme.title}: actions by RAG status at the end of each month`,
          months: programme.ragByMonth,
        }),
      ),
    },
    receipts: {
      sent: distributions.length,
      confirmed: distributions.filter((each) => each.receivedAt !== null).length,
      byBoard: mayReport
        ? distributions.map((each) => ({
            organisation: each.organisationName,
            mailed: each.mailed,
            receivedOn: each.receivedAt ? londonDate(each.receivedAt) : null,
          }))
        : [],
    },
    mayReport,
  };
}

export type ReportView = Awaited<ReturnType<typeof getReport>>;

/** What a receipt link is for: which report, sent to which board, and whether received. */
export async function getReportReceipt(options: { db: Database; token: string }) {
  const receipt = await loadReportReceipt(options.db, options.token);
  // A distribution references its report (a foreign key), so the report is always there.
  const row = (await selectReport(options.db, receipt.reportId)) as BodyReportRow;
  const figures = row.figures as ReportFigures;
  return {
    reportId: receipt.reportId,
    kindText: reportKindText[row.kind as ReportKind],
    bodyTitle: figures.body.title,
    period: figures.period,
    version: row.version,
    organisation: receipt.organisationName,
    receivedAt: receipt.receivedAt?.toISOString() ?? null,
  };
}
