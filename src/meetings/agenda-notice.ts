/**
 * Whether notice of a meeting has been given, for the agenda's use cases: once notice has gone out
 * stating the business (the presets' SI 2000/89 Sch 2, "at least 3 clear days' notice stating the
 * business"), the items it stated are that meeting's business, so an item may no longer be
 * withdrawn or moved, nor its title, purpose or Part II standing changed. Its description,
 * presenter and time may still be set. Notice counts as given from the day the meeting records
 * notice as given, or from the first notice e-mailed to members if that came sooner.
 */
import { termsInForce } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import { londonDate } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { type MeetingRecord, selectFirstNoticeSentAt } from './meeting-queries.ts';

export interface NoticeGiven {
  /** The London date notice was given. */
  givenOn: string;
  clause: string | null;
  text: string | null;
}

/** When notice of the meeting was given, or null while it has not been. */
export async function noticeGiven(
  reader: Reader,
  meeting: MeetingRecord,
  now: Date,
): Promise<NoticeGiven | null> {
  const today = londonDate(now);
  const sentAt = await selectFirstNoticeSentAt(reader, meeting.id);
  const sentOn = sentAt ? londonDate(sentAt) : null;
  const recordedOn = meeting.noticeGivenOn <= today ? meeting.noticeGivenOn : null;
  const givenOn = [sentOn, recordedOn]
    .filter((date): date is string => date !== null)
    .sort()
    .at(0);
  if (givenOn === undefined) return null;
  const constitution = await termsInForce(reader, meeting.bodyId, londonDate(meeting.startsAt));
  const notice = constitution?.meetings.notice;
  return { givenOn, clause: notice?.clause ?? null, text: notice?.text ?? null };
}

/** "5 December 2026". */
function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** Refuses a change to the business once notice stating it has been given. */
export async function assertNoticeNotGiven(
  reader: Reader,
  meeting: MeetingRecord,
  now: Date,
  change: string,
): Promise<void> {
  const given = await noticeGiven(reader, meeting, now);
  if (given === null) return;
  const rule = given.clause && given.text ? ` (${given.clause}: “${given.text}”)` : '';
  throw new ProblemError({
    status: 409,
    code: 'notice-given',
    title: 'Notice of the meeting has been given',
    detail: `${change} only before notice is given. Notice of ${meeting.title} was given on ${longDate(given.givenOn)}, stating its business${rule}, so the agenda sent to members stands; raise the change at the meeting itself.`,
  });
}

/** What the meeting page says of its agenda: null while items may still be withdrawn or moved. */
export async function agendaNoticeText(
  reader: Reader,
  meeting: MeetingRecord,
  now: Date,
): Promise<string | null> {
  const given = await noticeGiven(reader, meeting, now);
  if (given === null) return null;
  return `Notice of this meeting was given on ${longDate(given.givenOn)}, stating its business, so its items can no longer be withdrawn or reordered, nor their titles changed${given.clause ? ` (${given.clause})` : ''}. Their descriptions, presenters and times can still be set.`;
}
