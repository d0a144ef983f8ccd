/**
 * The read model of the Meetings page: one calendar across the bodies, upcoming first (soonest at
 * the top), then past (latest at the top), optionally for one body. Every body's meetings are
 * published (their title, time and place are on each body's own list and feed for everyone), so
 * every reader sees every body here. Each entry is a meeting's public details only — nothing of
 * its agenda — so no Part II business (Public Bodies (Admission to Meetings) Act 1960 s1) reaches
 * the calendar, whoever reads it; the meeting's own page applies `mayReadConfidentialItems`.
 */
import { selectBodies } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { londonDate } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { selectMeetings } from './meeting-queries.ts';
import { type MeetingSummary, summaryOf } from './meeting-view.ts';

export interface MeetingCalendar {
  /** The London date the calendar was read on: upcoming means this day or later. */
  today: string;
  /** Every body, by title, for the filter. */
  bodies: { slug: string; title: string }[];
  /** The body chosen in the filter, or null for all bodies. */
  body: { slug: string; title: string } | null;
  /** Meetings on today or later not yet recorded as held, soonest first. */
  upcoming: MeetingSummary[];
  /** Meetings before today, or held, latest first. */
  past: MeetingSummary[];
}

/** Whether a meeting is still to come on the London date `today`. */
function isUpcoming(meeting: MeetingSummary, today: string): boolean {
  return meeting.meetingOn >= today && meeting.status !== 'held';
}

export async function getMeetingCalendar(options: {
  db: Database;
  now: Date;
  /** A body's slug from the filter; empty or absent for all bodies. */
  bodySlug?: string | undefined;
}): Promise<MeetingCalendar> {
  const { db } = options;
  const today = londonDate(options.now);
  const bodies = await selectBodies(db);
  let body: (typeof bodies)[number] | null = null;
  if (options.bodySlug) {
    body = bodies.find((candidate) => candidate.slug === options.bodySlug) ?? null;
    if (!body) {
      throw new ProblemError({
        status: 404,
        code: 'not-found',
        title: 'Body not found',
        detail: 'There is no such body. Choose one from the list on the Meetings page.',
      });
    }
  }
  const meetings = (await selectMeetings(db, body ? { bodyId: body.id } : {})).map(summaryOf);
  return {
    today,
    bodies: bodies.map(({ slug, title }) => ({ slug, title })),
    body: body ? { slug: body.slug, title: body.title } : null,
    upcoming: meetings.filter((meeting) => isUpcoming(meeting, today)),
    past: meetings.filter((meeting) => !isUpcoming(meeting, today)).reverse(),
  };
}
