/**
 * The read model of a body's next meeting, for its page: the soonest meeting on today (London) or
 * later that is neither cancelled nor recorded as held — the same "upcoming" as the Meetings page.
 * A meeting's title and time are published, so every reader sees them.
 */
import type { Database } from '../db/connection.ts';
import { londonDate } from '../identity/index.ts';
import { selectComingMeetingsOfBody } from './next-meeting-queries.ts';

export interface NextMeeting {
  id: string;
  title: string;
  /** The instant, UTC. */
  startsAt: string;
}

export async function nextMeetingOf(options: {
  db: Database;
  bodyId: string;
  now: Date;
}): Promise<NextMeeting | null> {
  const today = londonDate(options.now);
  // London is at most a day from UTC either way: start a day early and keep today's in London.
  const from = new Date(options.now.getTime() - 24 * 3_600_000);
  const coming = await selectComingMeetingsOfBody(options.db, options.bodyId, from);
  const next = coming.find((meeting) => londonDate(meeting.startsAt) >= today);
  return next ? { id: next.id, title: next.title, startsAt: next.startsAt.toISOString() } : null;
}
