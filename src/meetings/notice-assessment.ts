/**
 * The engine's check of a meeting's notice, shared by every write that sets a meeting's day:
 * scheduling one meeting, making a series from the cadence and moving one meeting of a series.
 * Serves the notice the terms in force on the meeting day require (for the seed presets SI 2000/89
 * Sch 2, "at least 3 clear days' notice stating the business"): short notice is refused unless the
 * urgency is recorded, and the reason is then kept with the meeting.
 */
import { termsInForce } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import { type Constitution, checkNotice } from '../governance/index.ts';
import { londonDate } from '../identity/index.ts';
import { invalidInput, ProblemError } from '../shared/problems.ts';

export interface NoticeAssessment {
  meetingOn: string;
  constitution: Constitution;
  sufficient: boolean;
  explanation: { summary: string; clause: string; text: string };
  /** Kept only when notice is short: the record shows why the rule was not met. */
  urgencyReason: string | null;
}

/**
 * The engine's check of a meeting's notice in clear days under the terms in force on the meeting
 * day: scheduling, a series and moving a meeting all refuse short notice the same way unless the
 * urgency is recorded. `occurrence` names the meeting among several so a refusal says which one.
 */
export async function assessNotice(
  reader: Reader,
  options: {
    body: { id: string; title: string };
    startsAt: Date;
    noticeGivenOn: string;
    urgencyReason?: string | undefined;
    /** The request field the meeting's date came from. */
    dateField?: string;
    occurrence?: string;
  },
): Promise<NoticeAssessment> {
  const { body, startsAt } = options;
  const prefix = options.occurrence ? `${options.occurrence}: ` : '';
  const meetingOn = londonDate(startsAt);
  const constitution = await termsInForce(reader, body.id, meetingOn);
  if (!constitution) {
    throw invalidInput([
      {
        field: options.dateField ?? 'startsAt',
        message: `${prefix}No version of ${body.title}'s terms of reference is in force on ${meetingOn}.`,
      },
    ]);
  }
  const notice = checkNotice(constitution, { noticeGivenOn: options.noticeGivenOn, meetingOn });
  if (!notice.ok) {
    throw invalidInput(
      notice.errors.map((error) => ({ field: 'noticeGivenOn', message: error.message })),
    );
  }
  const { explanation, sufficient } = notice.value;
  const urgencyReason = sufficient ? null : options.urgencyReason?.trim() || null;
  if (!sufficient && urgencyReason === null) {
    throw new ProblemError({
      status: 400,
      code: 'notice-too-short',
      title: 'Not enough notice of the meeting',
      detail: `${prefix}${explanation.summary} To hold it at shorter notice, record why it is urgent.`,
      errors: [
        {
          field: 'noticeGivenOn',
          message: `${prefix}${explanation.summary} ${explanation.clause}: “${explanation.text}”. Give more notice, or record why the meeting is urgent.`,
        },
      ],
    });
  }
  return {
    meetingOn,
    constitution,
    sufficient,
    explanation: {
      summary: explanation.summary,
      clause: explanation.clause,
      text: explanation.text,
    },
    urgencyReason,
  };
}
