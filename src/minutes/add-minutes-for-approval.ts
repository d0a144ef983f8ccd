/**
 * Add minutes for approval: puts the previous meeting's minutes on this meeting's agenda as a
 * public item for decision. Serves the standing orders' rule that minutes are approved and signed
 * at the next meeting (`approvalRule`, SI 1991/809): only the meeting held immediately before may
 * be named, and its minutes go on one agenda only. Audit event: `meeting.agenda-item-added`.
 */

import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import {
  insertAgendaItem,
  lockMeeting,
  meetingFactsOf,
  selectLastAgendaPosition,
} from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, ProblemError } from '../shared/problems.ts';
import { assertMayManage } from './minutes-access.ts';
import { selectApprovalItemFor, selectMeetingSequence } from './minutes-queries.ts';
import { approvalRule, longDateText, minutesItemTitle, previousMeeting } from './minutes-rules.ts';

/**
 * Puts the previous meeting's minutes on this meeting's agenda for approval, as a public item for
 * decision. Only the meeting held immediately before may be named, and only once.
 */
export async function addMinutesForApproval(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  minutesOfMeetingId: string;
}): Promise<{ agendaItemId: string; position: number; title: string }> {
  const { db, context } = options;
  const { meeting } = await meetingFactsOf(db, options.meetingId);
  assertMayManage(options.actor, meeting);
  const sequence = await selectMeetingSequence(db, meeting.bodyId);
  const named = sequence.find((candidate) => candidate.id === options.minutesOfMeetingId);
  const previous = previousMeeting(sequence, meeting.id);
  if (!named || named.id !== previous?.id) {
    const which = named ? `${named.title} (${longDateText(londonDate(named.startsAt))})` : 'That';
    throw invalidInput([
      {
        field: 'minutesOfMeetingId',
        message: `${which} is not the meeting of ${meeting.bodyTitle} held immediately before ${meeting.title}${previous ? ` (that is ${previous.title})` : ''}. ${approvalRule.clause}: “${approvalRule.text}”`,
      },
    ]);
  }
  const title = minutesItemTitle(londonDate(named.startsAt));
  const agendaItemId = uuidv7();
  return db.transaction(async (transaction) => {
    await lockMeeting(transaction, meeting.id);
    const existing = await selectApprovalItemFor(transaction, named.id);
    if (existing) {
      throw new ProblemError({
        status: 409,
        code: 'conflict',
        title: 'The minutes are already on an agenda',
        detail: `The minutes of ${named.title} are already on the agenda of ${existing.meetingTitle} as item ${existing.position}.`,
        errors: [
          {
            field: 'minutesOfMeetingId',
            message: `The minutes of ${named.title} are already on the agenda of ${existing.meetingTitle} as item ${existing.position}.`,
          },
        ],
      });
    }
    const position = (await selectLastAgendaPosition(transaction, meeting.id)) + 1;
    const item = {
      id: agendaItemId,
      position,
      title,
      purpose: 'decision',
      isConfidential: false,
      confidentialityReason: null,
      approvesMinutesOfMeetingId: named.id,
    };
    await insertAgendaItem(transaction, {
      ...item,
      meetingId: meeting.id,
      createdAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.agenda-item-added',
        entityType: 'meeting',
        entityId: meeting.id,
        after: { ...item, approvesMinutesOf: named.title },
      },
    ]);
    return { agendaItemId, position, title };
  });
}
