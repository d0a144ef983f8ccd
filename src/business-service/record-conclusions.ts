/**
 * Use case: record the London group's conclusions on a report it was presented, after the meeting
 * (2006 §106 "performance manage the Commissioning Business Service"; 2008 Business development
 * "Provide direction and leadership to the Commissioning Support Service"). The conclusions are
 * the group's, never the Business Service's (2006 §3.2). One transaction with its audit event.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { loadLondonGroup, refuseUnlessManages, ruleBroken } from './business-service-access.ts';
import { selectMeetingChoice, updateReport } from './business-service-queries.ts';
import { periodText } from './performance-rules.ts';
import { loadReport } from './report-access.ts';

export async function recordConclusions(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  reportId: string;
  conclusions: string;
  concludedOn: string;
}): Promise<void> {
  const { db, context, actor } = options;
  refuseUnlessManages(actor, 'record the group’s conclusions on the Business Service’s reports');
  const group = await loadLondonGroup(db);
  const today = londonDate(context.now);
  await db.transaction(async (transaction) => {
    const report = await loadReport(transaction, options.reportId, 'update');
    const period = periodText(report.startYear, report.quarter);
    if (report.status === 'recorded' || !report.meetingId) {
      throw ruleBroken(
        'conclusions',
        `The report for ${period} has not been presented to ${group.title} yet: the group concludes on a report at the meeting it is presented to.`,
      );
    }
    if (report.status === 'concluded') {
      throw ruleBroken(
        'conclusions',
        `${group.title}’s conclusions on the report for ${period} are already recorded.`,
      );
    }
    const meeting = await selectMeetingChoice(transaction, report.meetingId);
    const meetingOn = meeting ? londonDate(meeting.startsAt) : today;
    if (!meeting || meeting.status === 'cancelled' || meeting.startsAt > context.now) {
      throw ruleBroken(
        'conclusions',
        `“${meeting?.title ?? 'The meeting'}” has not taken place: the group’s conclusions are recorded after the meeting that discussed the report.`,
      );
    }
    if (options.concludedOn < meetingOn || options.concludedOn > today) {
      throw invalidInput([
        {
          field: 'concludedOn',
          message: `The conclusions were reached at or after the meeting on ${meetingOn}, and not after today (${today}).`,
        },
      ]);
    }
    await updateReport(transaction, report.id, {
      status: 'concluded',
      conclusions: options.conclusions,
      concludedOn: options.concludedOn,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'business-service.report-concluded',
        entityType: 'organisation',
        entityId: report.organisationId,
        before: { reportId: report.id, status: report.status },
        after: {
          reportId: report.id,
          status: 'concluded',
          period,
          conclusions: options.conclusions,
          concludedOn: options.concludedOn,
        },
      },
    ]);
  });
}
