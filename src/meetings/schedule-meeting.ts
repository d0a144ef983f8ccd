/**
 * Use case: the secretariat schedules one meeting of a body. Checks permission, checks the notice
 * under the terms in force on the meeting day (SI 2000/89 Sch 2 in the seed presets: "at least 3
 * clear days' notice stating the business"; see notice-assessment.ts), inserts the meeting and
 * records `meeting.scheduled` in one transaction.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { assertMayManage } from './meeting-access.ts';
import { insertMeeting } from './meeting-queries.ts';
import { assessNotice } from './notice-assessment.ts';

export interface ScheduleMeetingOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  title: string;
  /** ISO 8601 instant. */
  startsAt: string;
  location: string;
  noticeGivenOn: string;
  /** Why the meeting cannot wait for full notice; required only when notice is short. */
  urgencyReason?: string | undefined;
}

/**
 * Schedules a meeting after the engine has checked the notice in clear days under the terms in
 * force on the meeting day. Short notice is refused unless the urgency is recorded, and then the
 * reason is kept with the meeting so the record shows why the rule was not met.
 */
export async function scheduleMeeting(options: ScheduleMeetingOptions): Promise<{
  meetingId: string;
  meetingOn: string;
  notice: { sufficient: boolean; summary: string; clause: string };
  urgencyReason: string | null;
}> {
  const { db, context } = options;
  const body = await loadBody(db, options.slug);
  assertMayManage(options.actor, body);
  const startsAt = new Date(options.startsAt);
  if (Number.isNaN(startsAt.getTime())) {
    throw invalidInput([
      { field: 'startsAt', message: 'Enter when the meeting starts as an ISO date and time.' },
    ]);
  }
  const { meetingOn, constitution, explanation, sufficient, urgencyReason } = await assessNotice(
    db,
    { body, startsAt, noticeGivenOn: options.noticeGivenOn, urgencyReason: options.urgencyReason },
  );
  const meetingId = uuidv7();
  await db.transaction(async (transaction) => {
    await insertMeeting(transaction, {
      id: meetingId,
      bodyId: body.id,
      title: options.title,
      startsAt,
      location: options.location,
      noticeGivenOn: options.noticeGivenOn,
      urgencyReason,
      createdAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.scheduled',
        entityType: 'meeting',
        entityId: meetingId,
        after: {
          body: body.slug,
          title: options.title,
          startsAt: startsAt.toISOString(),
          location: options.location,
          noticeGivenOn: options.noticeGivenOn,
          notice: explanation.summary,
          urgencyReason,
          constitutionVersion: constitution.identity.version,
        },
      },
    ]);
  });
  return {
    meetingId,
    meetingOn,
    notice: { sufficient, summary: explanation.summary, clause: explanation.clause },
    urgencyReason,
  };
}
