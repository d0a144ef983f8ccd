import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import { assertMayManage } from './meeting-access.ts';
import { selectMeeting } from './meeting-queries.ts';
import { assessNotice, type NoticeAssessment } from './notice-assessment.ts';
import {
  insertSeriesMeetings,
  selectMeetingForUpdate,
  updateMeetingTime,
} from './series-queries.ts';
import {
  describeRepetition,
  londonDateAndTime,
  londonWallClock,
  maximumOccurrences,
  type RepeatingCadence,
  seriesDates,
} from './series-rules.ts';

export interface SeriesOccurrence {
  meetingId: string;
  title: string;
  startsAt: string;
  meetingOn: string;
  notice: { sufficient: boolean; summary: string; clause: string };
  urgencyReason: string | null;
}

export interface MeetingSeries {
  seriesId: string;
  /** "on the second Thursday of the month, every month", with the clause that sets the cadence. */
  repetition: string;
  cadence: { every: RepeatingCadence; clause: string; text: string };
  meetings: SeriesOccurrence[];
}

const monthYear = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  month: 'long',
  year: 'numeric',
});
const dayMonthYear = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** Each occurrence is named by its month (its day, for a weekly body) so the list tells them apart. */
function occurrenceTitle(title: string, every: RepeatingCadence, startsAt: Date): string {
  return `${title}, ${(every === 'week' ? dayMonthYear : monthYear).format(startsAt)}`;
}

/**
 * Schedules a run of meetings following the cadence in the body's terms of reference (read on
 * the first meeting's date), at the same London time each time. Each occurrence's notice is
 * checked by the engine under the terms in force on its own day; one with short notice and no
 * recorded urgency refuses the whole series, naming it, and nothing is written.
 */
export async function createMeetingSeries(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  title: string;
  /** The first meeting's London date and wall-clock time. */
  firstDate: string;
  time: string;
  location: string;
  occurrences: number;
  noticeGivenOn: string;
  urgencyReason?: string | undefined;
}): Promise<MeetingSeries> {
  const { db, context } = options;
  const body = await loadBody(db, options.slug);
  assertMayManage(options.actor, body);
  if (
    !Number.isInteger(options.occurrences) ||
    options.occurrences < 1 ||
    options.occurrences > maximumOccurrences
  ) {
    throw invalidInput([
      {
        field: 'occurrences',
        message: `Enter how many meetings to schedule, from 1 to ${maximumOccurrences}.`,
      },
    ]);
  }
  if (!londonWallClock(options.firstDate, options.time)) {
    throw invalidInput([
      { field: 'firstDate', message: 'Enter the first meeting’s date and London time.' },
    ]);
  }
  const terms = await termsInForce(db, body.id, options.firstDate);
  if (!terms) {
    throw invalidInput([
      {
        field: 'firstDate',
        message: `No version of ${body.title}'s terms of reference is in force on ${options.firstDate}.`,
      },
    ]);
  }
  const cadence = terms.meetings.cadence;
  if (cadence.every === 'asRequired') {
    throw new ProblemError({
      status: 400,
      code: 'no-cadence',
      title: 'These terms set no regular meetings',
      detail: `${body.title} meets as required, so there is no cadence to repeat (${cadence.clause}: “${cadence.text}”). Schedule each meeting on its own.`,
      errors: [
        {
          field: 'occurrences',
          message: `${body.title} meets as required, so there is no cadence to repeat (${cadence.clause}: “${cadence.text}”). Schedule each meeting on its own.`,
        },
      ],
    });
  }
  const every = cadence.every;
  const dates = seriesDates(options.firstDate, every, options.occurrences);
  const planned: { startsAt: Date; notice: NoticeAssessment }[] = [];
  for (const [index, date] of dates.entries()) {
    const startsAt = londonWallClock(date, options.time) as Date;
    const notice = await assessNotice(db, {
      body,
      startsAt,
      noticeGivenOn: options.noticeGivenOn,
      urgencyReason: options.urgencyReason,
      dateField: 'firstDate',
      occurrence: `Meeting ${index + 1} of ${dates.length} (${londonDateAndTime(startsAt)})`,
    });
    planned.push({ startsAt, notice });
  }

  const seriesId = uuidv7();
  const repetition = describeRepetition(options.firstDate, every);
  const rows = planned.map(({ startsAt, notice }) => ({
    id: uuidv7(),
    bodyId: body.id,
    seriesId,
    title: occurrenceTitle(options.title, every, startsAt),
    startsAt,
    location: options.location,
    noticeGivenOn: options.noticeGivenOn,
    urgencyReason: notice.urgencyReason,
    createdAt: context.now,
  }));
  await db.transaction(async (transaction) => {
    await insertSeriesMeetings(transaction, rows);
    // One event per meeting, so each meeting's own audit trail starts with how it was scheduled.
    await recordAuditEvents(
      transaction,
      context,
      rows.map((row, index) => ({
        action: 'meeting.scheduled',
        entityType: 'meeting',
        entityId: row.id,
        after: {
          body: body.slug,
          title: row.title,
          startsAt: row.startsAt.toISOString(),
          location: row.location,
          noticeGivenOn: row.noticeGivenOn,
          notice: planned[index]?.notice.explanation.summary,
          urgencyReason: row.urgencyReason,
          constitutionVersion: planned[index]?.notice.constitution.identity.version,
          series: {
            seriesId,
            occurrence: index + 1,
            of: rows.length,
            repetition,
            cadence: cadence.clause,
          },
        },
      })),
    );
  });
  return {
    seriesId,
    repetition,
    cadence: { every, clause: cadence.clause, text: cadence.text },
    meetings: rows.map((row, index) => {
      const notice = planned[index]?.notice as NoticeAssessment;
      return {
        meetingId: row.id,
        title: row.title,
        startsAt: row.startsAt.toISOString(),
        meetingOn: notice.meetingOn,
        notice: {
          sufficient: notice.sufficient,
          summary: notice.explanation.summary,
          clause: notice.explanation.clause,
        },
        urgencyReason: row.urgencyReason,
      };
    }),
  };
}

function notMovable(status: string): ProblemError {
  const detail =
    status === 'held'
      ? 'This meeting has been held, so it cannot be moved: its record stands as it took place.'
      : 'This meeting was cancelled, so it cannot be moved; schedule a new meeting instead.';
  return new ProblemError({
    status: 409,
    code: 'meeting-not-movable',
    title: 'This meeting cannot be moved',
    detail,
    errors: [{ field: 'startsAt', message: detail }],
  });
}

/**
 * Moves one scheduled meeting (one occurrence of a series, or any meeting) to a new time. The
 * notice is checked again for the new day, short notice needing the urgency recorded as when it
 * was scheduled; the first time it was set is kept, with why it moved.
 */
export async function moveMeeting(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  /** ISO 8601 instant. */
  startsAt: string;
  reason: string;
  noticeGivenOn: string;
  urgencyReason?: string | undefined;
}): Promise<{
  meetingId: string;
  startsAt: string;
  originallyStartsAt: string;
  movedReason: string;
  notice: { sufficient: boolean; summary: string; clause: string };
  urgencyReason: string | null;
}> {
  const { db, context } = options;
  const meeting = await selectMeeting(db, options.meetingId);
  if (!meeting) throw notFound('meeting', options.meetingId);
  const body = { id: meeting.bodyId, slug: meeting.bodySlug, title: meeting.bodyTitle };
  assertMayManage(options.actor, body);
  if (meeting.status !== 'scheduled') throw notMovable(meeting.status);
  const reason = options.reason.trim();
  if (reason === '') {
    throw invalidInput([
      { field: 'reason', message: 'Enter why the meeting is moving; the record keeps it.' },
    ]);
  }
  const startsAt = new Date(options.startsAt);
  if (Number.isNaN(startsAt.getTime())) {
    throw invalidInput([
      { field: 'startsAt', message: 'Enter the new date and time of the meeting.' },
    ]);
  }
  if (startsAt.getTime() === meeting.startsAt.getTime()) {
    throw invalidInput([
      {
        field: 'startsAt',
        message: `The meeting already starts at ${londonDateAndTime(startsAt)}; enter the new date or time.`,
      },
    ]);
  }
  const notice = await assessNotice(db, {
    body,
    startsAt,
    noticeGivenOn: options.noticeGivenOn,
    urgencyReason: options.urgencyReason,
  });
  return db.transaction(async (transaction) => {
    const current = await selectMeetingForUpdate(transaction, meeting.id);
    if (!current) throw notFound('meeting', meeting.id);
    if (current.status !== 'scheduled') throw notMovable(current.status);
    // Only the first time it was set is "original": a second move keeps pointing at it.
    const originallyStartsAt = current.originallyStartsAt ?? current.startsAt;
    await updateMeetingTime(transaction, meeting.id, {
      startsAt,
      originallyStartsAt,
      movedReason: reason,
      noticeGivenOn: options.noticeGivenOn,
      urgencyReason: notice.urgencyReason,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.moved',
        entityType: 'meeting',
        entityId: meeting.id,
        before: {
          startsAt: current.startsAt.toISOString(),
          noticeGivenOn: current.noticeGivenOn,
          urgencyReason: current.urgencyReason,
          movedReason: current.movedReason,
        },
        after: {
          startsAt: startsAt.toISOString(),
          originallyStartsAt: originallyStartsAt.toISOString(),
          noticeGivenOn: options.noticeGivenOn,
          notice: notice.explanation.summary,
          urgencyReason: notice.urgencyReason,
          movedReason: reason,
        },
      },
    ]);
    return {
      meetingId: meeting.id,
      startsAt: startsAt.toISOString(),
      originallyStartsAt: originallyStartsAt.toISOString(),
      movedReason: reason,
      notice: {
        sufficient: notice.sufficient,
        summary: notice.explanation.summary,
        clause: notice.explanation.clause,
      },
      urgencyReason: notice.urgencyReason,
    };
  });
}

/** What the series form explains: the cadence the body's terms set on a date, with its clause. */
export async function describeCadence(options: {
  db: Database;
  slug: string;
  on: string;
}): Promise<{
  body: { slug: string; title: string };
  cadence: { every: string; clause: string; text: string } | null;
}> {
  const body = await loadBody(options.db, options.slug);
  const terms = await termsInForce(options.db, body.id, options.on);
  const cadence = terms ? terms.meetings.cadence : null;
  return {
    body: { slug: body.slug, title: body.title },
    cadence: cadence && { every: cadence.every, clause: cadence.clause, text: cadence.text },
  };
}
