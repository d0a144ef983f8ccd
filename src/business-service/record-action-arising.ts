/**
 * Use case: record an action arising from a report, through the actions face, against the report's
 * agenda item. Its owner may be anyone in the registry — an officer of the Business Service too:
 * it may own an action, never a decision, a vote or a sign-off (2006 §3.2, the engine's rule).
 */

import { recordAction } from '../actions/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { refuseUnlessManages, ruleBroken } from './business-service-access.ts';
import { selectMeetingChoice } from './business-service-queries.ts';
import { periodText } from './performance-rules.ts';
import { loadReport } from './report-access.ts';

export async function recordActionArising(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  reportId: string;
  description: string;
  ownerPersonId: string;
  dueOn: string;
}): Promise<{ actionId: string }> {
  const { db, context, actor } = options;
  refuseUnlessManages(actor, 'record the actions arising from the Business Service’s reports');
  const report = await loadReport(db, options.reportId);
  const meeting = report.meetingId ? await selectMeetingChoice(db, report.meetingId) : undefined;
  if (!report.meetingId || !report.agendaItemId || !meeting) {
    throw ruleBroken(
      'description',
      `The report for ${periodText(report.startYear, report.quarter)} has not been presented yet: actions arise from the meeting it is presented to.`,
    );
  }
  if (meeting.status === 'cancelled' || meeting.startsAt > context.now) {
    throw ruleBroken(
      'description',
      `“${meeting.title}” has not taken place: actions arising are recorded after the meeting.`,
    );
  }
  const { actionId } = await recordAction({
    db,
    context,
    actor,
    meetingId: report.meetingId,
    agendaItemId: report.agendaItemId,
    description: options.description,
    ownerPersonId: options.ownerPersonId,
    dueOn: options.dueOn,
  });
  return { actionId };
}
