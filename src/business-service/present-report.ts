/**
 * Use case: present a recorded report to the London group — a standing agenda item on one of its
 * meetings still to come whose notice has not gone out (meetings face), carrying the overall status
 * and each figure. The Business Service reports "directly to PCTs through the new partnership
 * arrangements" (2006 §3.2); the group performance-manages it (2006 §106). One transaction: the
 * item, the report's change and their audit events, or nothing.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { addAgendaItemWithin } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { loadLondonGroup, refuseUnlessManages, ruleBroken } from './business-service-access.ts';
import {
  selectFigures,
  selectIndicators,
  selectMeetingChoice,
  updateReport,
} from './business-service-queries.ts';
import {
  clauses,
  figureText,
  overallStatus,
  periodText,
  type RagStatus,
  ragText,
  type Unit,
} from './performance-rules.ts';
import { loadReport } from './report-access.ts';

export function agendaTitleOf(startYear: number, quarter: number): string {
  return `Business Service performance report: ${periodText(startYear, quarter)}`;
}

export async function presentReport(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  reportId: string;
  meetingId: string;
}): Promise<{ agendaItemId: string; meetingId: string }> {
  const { db, context, actor } = options;
  refuseUnlessManages(actor, 'present the Business Service’s performance reports');
  const group = await loadLondonGroup(db);
  return db.transaction(async (transaction) => {
    const report = await loadReport(transaction, options.reportId, 'update');
    const period = periodText(report.startYear, report.quarter);
    if (report.status !== 'recorded') {
      throw ruleBroken(
        'meetingId',
        `The report for ${period} has already been presented to ${group.title}: it is presented once.`,
      );
    }
    const meeting = await selectMeetingChoice(transaction, options.meetingId);
    if (!meeting) {
      throw invalidInput([{ field: 'meetingId', message: `Choose a meeting of ${group.title}.` }]);
    }
    if (meeting.bodyId !== report.bodyId) {
      throw ruleBroken(
        'meetingId',
        `“${meeting.title}” is not a meeting of ${group.title}: the Business Service reports to the PCTs through the London group (${clauses.reportsThroughPartnerships.clause} “${clauses.reportsThroughPartnerships.text}”; ${clauses.performanceManage.clause}).`,
      );
    }
    if (meeting.status !== 'scheduled' || meeting.startsAt <= context.now) {
      throw ruleBroken(
        'meetingId',
        `“${meeting.title}” is not a meeting still to come: present the report at a scheduled meeting of ${group.title}.`,
      );
    }
    if (meeting.noticesSent > 0) {
      throw ruleBroken(
        'meetingId',
        `Notice of “${meeting.title}” has already been sent, stating its business: present the report at a meeting whose notice has not yet gone out.`,
      );
    }
    const figures = await selectFigures(transaction, [report.id]);
    const indicators = new Map(
      (await selectIndicators(transaction, report.organisationId)).map((row) => [
        row.indicator.id,
        row.indicator,
      ]),
    );
    const overall = overallStatus(figures.map((figure) => figure.status as RagStatus));
    const lines = figures.map((figure) => {
      const indicator = indicators.get(figure.indicatorId);
      const unit = (indicator?.unit ?? 'count') as Unit;
      return `${indicator?.name ?? 'Indicator'}: ${figureText(figure.valueHundredths, unit)} against a target of ${figureText(figure.targetHundredths, unit)} (${ragText[figure.status as RagStatus]})`;
    });
    const description = [
      `The Business Service’s performance in ${period}, for the group to performance-manage it (${clauses.performanceManage.clause}).`,
      overall ? `Overall status: ${ragText[overall]}.` : '',
      ...lines.map((line) => `${line}.`),
    ]
      .filter(Boolean)
      .join(' ');
    const { agendaItemId } = await addAgendaItemWithin(transaction, context, meeting.id, {
      title: agendaTitleOf(report.startYear, report.quarter),
      purpose: 'discussion',
      isConfidential: false,
      confidentialityReason: null,
      description,
    });
    await updateReport(transaction, report.id, {
      status: 'presented',
      meetingId: meeting.id,
      agendaItemId,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'business-service.report-presented',
        entityType: 'organisation',
        entityId: report.organisationId,
        before: { reportId: report.id, status: report.status },
        after: {
          reportId: report.id,
          status: 'presented',
          period,
          meeting: meeting.title,
          agendaItemId,
        },
      },
    ]);
    return { agendaItemId, meetingId: meeting.id };
  });
}
